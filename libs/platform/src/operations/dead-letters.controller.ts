import { ConflictException, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import { DeadLetterPageReply, DeadLetterReply, ReplayReply, Served } from '@mentoring/contracts';
import { DEAD_LETTER_STATUSES, DeadLetterEntity, DeadLetterStatus } from '@mentoring/persistence';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MessagingRuntime, PermanentError } from '@mentoring/messaging';
import { traceIdOf, TRACEPARENT_HEADER } from '@mentoring/observability';

class DeadLetterListQuery {
  @IsOptional() @IsIn(DEAD_LETTER_STATUSES as unknown as string[]) status?: DeadLetterStatus;
  @IsOptional() @IsString() topic?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

/** What ops sees of a dead letter: where it came from, why it failed, and the original message. */
function present(deadLetter: DeadLetterEntity) {
  return {
    id: deadLetter.id,
    status: deadLetter.status,
    reason: deadLetter.reason,
    error: { class: deadLetter.errorClass, message: deadLetter.errorMessage },
    origin: { topic: deadLetter.topic, partition: deadLetter.partition, offset: deadLetter.offset, consumerGroup: deadLetter.consumerGroup },
    eventId: deadLetter.eventId,
    eventType: deadLetter.eventType,
    key: deadLetter.messageKey,
    value: deadLetter.value,
    valueEncoding: deadLetter.valueEncoding,
    headers: deadLetter.headers,
    traceId: traceIdOf(deadLetter.headers[TRACEPARENT_HEADER]) ?? null,
    replayAttempts: deadLetter.replayAttempts,
    lastReplayError: deadLetter.lastReplayError,
    createdAt: deadLetter.createdAt,
    resolvedAt: deadLetter.resolvedAt,
  };
}

@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops', 'operator')
@Controller('v1/ops/dead-letters')
export class DeadLettersController {
  constructor(private readonly runtime: MessagingRuntime) {}

  @Get()
  @ApiOperation({ summary: 'List dead letters, newest first' })
  async list(@Query() query: DeadLetterListQuery): Promise<Served<DeadLetterPageReply>> {
    const { items, total } = await this.runtime.deadLetters.list(query);
    return { total, items: items.map(present) };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<Served<DeadLetterReply>> {
    const deadLetter = await this.runtime.deadLetters.get(id);
    if (!deadLetter) throw new NotFoundException(`no dead letter ${id}`);
    return present(deadLetter);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a pending dead letter through the consumer again (at most one effect)' })
  async replay(@Param('id', ParseUUIDPipe) id: string): Promise<Served<ReplayReply>> {
    const result = await this.runtime.deadLetters.replay(id).catch((error: unknown) => {
      if (error instanceof PermanentError) throw new ConflictException(error.message);
      throw error;
    });
    if (!result) throw new NotFoundException(`no dead letter ${id}`);
    return result.status === 'replayed'
      ? { status: result.status, outcome: result.outcome, deadLetter: present(result.deadLetter) }
      : { status: result.status, error: result.error, deadLetter: present(result.deadLetter) };
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a pending dead letter as not to be replayed' })
  async discard(@Param('id', ParseUUIDPipe) id: string): Promise<Served<DeadLetterReply>> {
    const deadLetter = await this.runtime.deadLetters.discard(id);
    if (!deadLetter) throw new NotFoundException(`no dead letter ${id}`);
    return present(deadLetter);
  }
}
