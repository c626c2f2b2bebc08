import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Nullable } from '../reply';

// What notification's inbox, preferences and link routes answer, as far as clients read them.

/** One message of GET /v1/recipients/:id/inbox. */
export class InboxMessageReply {
  @IsString() messageId!: string;
  @IsString() template!: string;
  @IsString() subject!: string;
  @IsString() text!: string;
  @Nullable() @IsString() caseId!: string | null;
  @IsISO8601() receivedAt!: string;
  @Nullable() @IsISO8601() readAt!: string | null;
}

/** GET /v1/recipients/:id/inbox: newest first, with how many are unread in all. */
export class InboxReply {
  @IsInt() @Min(0) unread!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => InboxMessageReply) items!: InboxMessageReply[];
}

export class QuietHoursReply {
  @IsString() start!: string;
  @IsString() end!: string;
}

/** GET and PUT /v1/recipients/:id/preferences. */
export class PreferencesReply {
  @IsIn(['email', 'inbox']) channel!: 'email' | 'inbox';
  @IsBoolean() emailOptOut!: boolean;
  @Nullable() @IsObject() @ValidateNested() @Type(() => QuietHoursReply) quietHours!: QuietHoursReply | null;
}

/** GET /v1/links/verify: what a genuine, unexpired, unrevoked link stands for. */
export class VerifiedLinkReply {
  @IsString() action!: string;
  @IsString() recipientId!: string;
  @IsOptional() @IsString() caseId?: string;
  @IsOptional() @IsISO8601() slotStart?: string;
  /** Unique per link: what a one-time operation records as used. */
  @IsString() tokenId!: string;
  @IsISO8601() expiresAt!: string;
}

/** One message of a case thread (GET /v1/cases/:caseId/messages, and the answer of POST). */
export class CaseThreadMessageReply {
  @IsString() id!: string;
  @IsString() authorId!: string;
  @IsIn(['student', 'mentor']) authorRole!: 'student' | 'mentor';
  @IsString() text!: string;
  /** Written in the console or on the student's page, or by replying to an email. */
  @IsIn(['console', 'email']) via!: 'console' | 'email';
  @IsISO8601() createdAt!: string;
}

/** GET /v1/cases/:caseId/messages: the thread between the case's student and their current mentor, oldest first. */
export class CaseThreadReply {
  @IsString() caseId!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CaseThreadMessageReply) messages!: CaseThreadMessageReply[];
}
