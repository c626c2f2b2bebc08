import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, programmeFilter, Roles } from '@mentoring/auth';
import { InboxReply, Served } from '@mentoring/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';
import { assertMaySeeMessage, RECIPIENT_OR_OPS, RecipientAccess } from '../recipients';
import { InboxService } from './inbox.service';

class InboxQueryParams {
  @ApiPropertyOptional({ description: 'Only messages not yet read' })
  @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() unreadOnly?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'Messages received before this date-time: the next page after the last one shown' })
  @IsOptional() @Type(() => Date) @IsDate({ message: 'must be an ISO 8601 date-time' }) before?: Date;
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('v1')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly access: RecipientAccess,
  ) {}

  @Get('recipients/:id/inbox')
  @Roles(...RECIPIENT_OR_OPS)
  @ApiOperation({
    summary: "A recipient's in-app inbox, newest first, with the number unread",
    description: "A coordinator's inbox shows the messages about cases of the programmes their token names.",
  })
  async list(@Param('id') id: string, @Query() query: InboxQueryParams, @CurrentPrincipal() principal: Principal): Promise<Served<InboxReply>> {
    await this.access.assert(principal, id);
    const filter = programmeFilter(principal);
    return this.inbox.list(id, { ...query, programmes: filter.all ? undefined : filter.programmes });
  }

  @Post('recipients/:id/inbox/:messageId/read')
  @HttpCode(200)
  @Roles(...RECIPIENT_OR_OPS)
  @ApiOperation({ summary: 'Mark an inbox message read' })
  async markRead(@Param('id') id: string, @Param('messageId', ParseUUIDPipe) messageId: string, @CurrentPrincipal() principal: Principal) {
    await this.access.assert(principal, id);
    return this.inbox.markRead(id, messageId);
  }

  @Get('messages/:id/deliveries')
  @Roles('ops', 'coordinator')
  @ApiOperation({
    summary: "A message's delivery per channel with its log: decisions, SMTP attempts and responses",
    description: "A coordinator: messages about cases of their own programmes, and their own messages.",
  })
  async deliveries(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal) {
    programmeFilter(principal);
    return this.inbox.deliveriesOf(id, (message) => assertMaySeeMessage(principal, message));
  }
}
