import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { CASE_OPENING_REASONS, CASE_OUTCOMES, CASE_PHASES, CASE_STATUSES, CaseOpeningReason, CaseOutcome, CasePhase, CaseStatus, MeetingSlotV1, MeetingV1 } from '../../mentoring/case-event/v1';
import { RISK_LEVELS, RiskLevel, RiskReasonV1 } from '../../risk/risk-assessed/v1';
import { Nullable } from '../reply';

// What mentor-matching's case routes answer. The service declares its views with these classes and
// the console, demo and ops tools check replies against them, so both sides change together.

export class CaseStudentReply {
  @IsString() studentId!: string;
  @IsString() displayName!: string;
  @IsString() program!: string;
  @IsInt() @Min(1) yearOfStudy!: number;
}

export class FullCaseStudentReply extends CaseStudentReply {
  @Nullable() @IsString() timeZone!: string | null;
}

export class CaseMentorReply {
  @IsString() mentorId!: string;
  @IsString() displayName!: string;
  @IsString() timeZone!: string;
}

export class CaseStandingReply {
  @IsIn(RISK_LEVELS as unknown as string[]) level!: RiskLevel;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RiskReasonV1) reasons!: RiskReasonV1[];
  @IsArray() @IsString({ each: true }) weakCourses!: string[];
}

export class CaseTimelineReply {
  @IsISO8601() flaggedAt!: string;
  @IsISO8601() openedAt!: string;
  @Nullable() @IsISO8601() matchedAt!: string | null;
  @Nullable() @IsISO8601() acceptedAt!: string | null;
  @Nullable() @IsISO8601() firstContactAt!: string | null;
  @Nullable() @IsISO8601() firstMeetingAt!: string | null;
  @Nullable() @IsISO8601() lastMeetingAt!: string | null;
  @Nullable() @IsISO8601() closedAt!: string | null;
}

export class CaseTimingReply {
  @Nullable() @IsNumber() flagToFirstContactHours!: number | null;
  @Nullable() @IsNumber() flagToFirstMeetingHours!: number | null;
}

export class CaseHistoryEntryReply {
  @IsString() kind!: string;
  @IsISO8601() occurredAt!: string;
  @Nullable() @IsString() actor!: string | null;
  @Nullable() @IsObject() details!: object | null;
}

/** GET /v1/cases/:caseId for the case's mentor, coordinators and ops: the context, the timeline and the history. */
export class FullCaseReply {
  @IsString() caseId!: string;
  @IsIn(CASE_STATUSES as unknown as string[]) status!: CaseStatus;
  @IsIn(CASE_PHASES as unknown as string[]) phase!: CasePhase;
  @IsObject() @ValidateNested() @Type(() => FullCaseStudentReply) student!: FullCaseStudentReply;
  @Nullable() @IsObject() @ValidateNested() @Type(() => CaseMentorReply) mentor!: CaseMentorReply | null;
  @Nullable() @IsString() previousMentorId!: string | null;
  @IsArray() @IsString({ each: true }) mentorsWhoLeft!: string[];
  @IsObject() @ValidateNested() @Type(() => CaseStandingReply) standing!: CaseStandingReply;
  /** Added later (optional for older services): why the case was opened; absent means a risk flag. */
  @IsOptional() @IsIn(CASE_OPENING_REASONS as unknown as string[]) openedFor?: CaseOpeningReason;
  /** Added later: what a self-referred student would like help with, for their mentor only (null for anyone else). */
  @IsOptional() @IsString() studentNote?: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => MeetingSlotV1) proposedSlots!: MeetingSlotV1[];
  @Nullable() @IsObject() @ValidateNested() @Type(() => MeetingSlotV1) confirmedSlot!: MeetingSlotV1 | null;
  /** Added later (optional for older services): the booked meeting as a calendar entry, with its mode and place. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MeetingV1) meeting?: MeetingV1 | null;
  @Nullable() @IsISO8601() slaDeadline!: string | null;
  @Nullable() @IsISO8601() reminderSentAt!: string | null;
  @IsInt() @Min(1) cadenceDays!: number;
  @Nullable() @IsISO8601() nextMeetingDueAt!: string | null;
  @IsInt() @Min(0) consecutiveMissed!: number;
  /** Added later (optional for older services): unanswered attempts to reach the student; `unreachable` needs three by default. */
  @IsOptional() @IsInt() @Min(0) contactAttempts?: number;
  @Nullable() @IsIn(CASE_OUTCOMES as unknown as string[]) outcome!: CaseOutcome | null;
  @IsObject() @ValidateNested() @Type(() => CaseTimelineReply) timeline!: CaseTimelineReply;
  @IsObject() @ValidateNested() @Type(() => CaseTimingReply) timing!: CaseTimingReply;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CaseHistoryEntryReply) history!: CaseHistoryEntryReply[];
}

export class StudentCaseMentorReply {
  @IsString() displayName!: string;
  @IsString() timeZone!: string;
}

/** GET /v1/cases/:caseId for the case's student: their mentor and times; never a level, a reason or a note. */
export class StudentCaseReply {
  @IsString() caseId!: string;
  @IsIn(CASE_STATUSES as unknown as string[]) status!: CaseStatus;
  @IsIn(CASE_PHASES as unknown as string[]) phase!: CasePhase;
  @Nullable() @IsObject() @ValidateNested() @Type(() => StudentCaseMentorReply) mentor!: StudentCaseMentorReply | null;
  /** Worked out from the mentor's free time when the case is read: never in the past or already booked; each with mode and place. */
  @IsArray() @ValidateNested({ each: true }) @Type(() => MeetingSlotV1) proposedSlots!: MeetingSlotV1[];
  @Nullable() @IsObject() @ValidateNested() @Type(() => MeetingSlotV1) confirmedSlot!: MeetingSlotV1 | null;
  /** Added later (optional for older services): the booked meeting as a calendar entry, with its mode and place. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MeetingV1) meeting?: MeetingV1 | null;
  @Nullable() @IsISO8601() nextMeetingDueAt!: string | null;
}

/** One line of GET /v1/mentors/:mentorId/cases. */
export class CaseloadEntryReply {
  @IsString() caseId!: string;
  @IsIn(CASE_STATUSES as unknown as string[]) status!: CaseStatus;
  @IsIn(CASE_PHASES as unknown as string[]) phase!: CasePhase;
  @IsObject() @ValidateNested() @Type(() => CaseStudentReply) student!: CaseStudentReply;
  @IsIn(RISK_LEVELS as unknown as string[]) riskLevel!: RiskLevel;
  @IsArray() @IsString({ each: true }) weakCourses!: string[];
  @Nullable() @IsISO8601() slaDeadline!: string | null;
  @Nullable() @IsObject() @ValidateNested() @Type(() => MeetingSlotV1) confirmedSlot!: MeetingSlotV1 | null;
  @Nullable() @IsISO8601() nextMeetingDueAt!: string | null;
  @IsInt() @Min(0) consecutiveMissed!: number;
  @IsISO8601() openedAt!: string;
  @Nullable() @IsIn(CASE_OUTCOMES as unknown as string[]) outcome!: CaseOutcome | null;
}
