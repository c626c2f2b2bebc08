import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Nullable } from '../reply';

// What every service's /v1/ops/dead-letters routes answer, as far as the console and the ops CLI read them.

export const DEAD_LETTER_REPLY_STATUSES = ['pending', 'replayed', 'discarded'] as const;
export type DeadLetterReplyStatus = (typeof DEAD_LETTER_REPLY_STATUSES)[number];

export class DeadLetterErrorReply {
  @IsString() class!: string;
  @IsString() message!: string;
}

export class DeadLetterOriginReply {
  @IsString() topic!: string;
  @IsInt() @Min(0) partition!: number;
  @IsString() offset!: string;
  @IsString() consumerGroup!: string;
}

/** A dead letter: where it came from, why it failed, what replaying it did. */
export class DeadLetterReply {
  @IsString() id!: string;
  @IsIn(DEAD_LETTER_REPLY_STATUSES as unknown as string[]) status!: DeadLetterReplyStatus;
  @IsString() reason!: string;
  @IsObject() @ValidateNested() @Type(() => DeadLetterErrorReply) error!: DeadLetterErrorReply;
  @IsObject() @ValidateNested() @Type(() => DeadLetterOriginReply) origin!: DeadLetterOriginReply;
  @Nullable() @IsString() eventType!: string | null;
  @IsInt() @Min(0) replayAttempts!: number;
  @Nullable() @IsString() lastReplayError!: string | null;
  @IsISO8601() createdAt!: string;
  @Nullable() @IsISO8601() resolvedAt!: string | null;
  /** The trace the message was part of (its W3C traceparent header); absent from services of earlier releases. */
  @IsOptional() @IsString() traceId?: string | null;
}

/** GET /v1/ops/dead-letters: a page, newest first, and how many match in all. */
export class DeadLetterPageReply {
  @IsInt() @Min(0) total!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => DeadLetterReply) items!: DeadLetterReply[];
}

/** POST /v1/ops/dead-letters/:id/replay: handled (with the consumer's outcome) or failed again (with the error). */
export class ReplayReply {
  @IsIn(['replayed', 'failed']) status!: 'replayed' | 'failed';
  @ValidateIf((reply: ReplayReply) => reply.status === 'replayed') @IsString() outcome?: string;
  @ValidateIf((reply: ReplayReply) => reply.status === 'failed') @IsString() error?: string;
  @IsObject() @ValidateNested() @Type(() => DeadLetterReply) deadLetter!: DeadLetterReply;
}
