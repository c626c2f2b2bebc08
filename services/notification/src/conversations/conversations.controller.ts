import { BadRequestException, Body, Controller, ForbiddenException, Get, NotFoundException, Param, Post, ConflictException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_MESSAGE_LENGTH } from './domain';
import { ConversationsService, ThreadRefusal } from './conversations.service';
import { ThreadMessage } from './infrastructure/conversations.store';

class WriteMessageBody {
  @ApiProperty({ description: 'The message, plain text', maxLength: MAX_MESSAGE_LENGTH })
  @IsString() @MinLength(1) @MaxLength(MAX_MESSAGE_LENGTH) text!: string;
}

const replyOf = (message: ThreadMessage) => ({
  id: message.id,
  authorId: message.authorId,
  authorRole: message.authorRole,
  text: message.body,
  via: message.via,
  createdAt: message.createdAt.toISOString(),
});

function asHttp(error: unknown): unknown {
  if (!(error instanceof ThreadRefusal)) return error;
  switch (error.code) {
    case 'unknown-case':
      return new NotFoundException(error.message);
    case 'not-a-reader':
      return new ForbiddenException(error.message);
    case 'closed':
      return new ConflictException(error.message);
    case 'empty-or-too-long':
      return new BadRequestException(error.message);
  }
}

/**
 * A case's thread, for its student and its current mentor only: no coordinator, ops or other
 * person reads it. The console calls it for the mentor's case page and the student's link page.
 */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/messages')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @Roles('student', 'mentor')
  @ApiOperation({ summary: "The case's messages between the student and their mentor, oldest first (the newest 200)", description: '403 for anyone but the two of them.' })
  async list(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    try {
      const thread = await this.conversations.thread(caseId, principal);
      return { caseId, messages: thread.messages.map(replyOf) };
    } catch (error) {
      throw asHttp(error);
    }
  }

  @Post()
  @Roles('student', 'mentor')
  @ApiOperation({ summary: 'Write to the other side of the case; they are told by inbox and email (quiet hours and their cap apply)', description: '403 for anyone but the two of them, 409 once the case is closed.' })
  async write(@Param('caseId') caseId: string, @Body() body: WriteMessageBody, @CurrentPrincipal() principal: Principal) {
    try {
      return replyOf(await this.conversations.write(caseId, principal, body.text));
    } catch (error) {
      throw asHttp(error);
    }
  }
}
