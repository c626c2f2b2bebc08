import { Type } from 'class-transformer';
import { IsArray, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { CaseOpeningReason, CaseOutcome } from '../../mentoring/case-event/v1';
import { Nullable } from '../reply';
import { DurationSummaryReply } from './directory-replies';

// What mentor-matching's outcomes report answers: how quickly flagged students were reached and
// met, and how their cases ended, over a whole programme or one mentor's cases.

/** Cases in the report's scope by why they were opened: a risk flag, or the student asking. */
export class CasesOpenedForReply implements Record<CaseOpeningReason, number> {
  @IsInt() @Min(0) 'risk-flag'!: number;
  @IsInt() @Min(0) 'self-referral'!: number;
}

export class CaseOutcomeCountsReply implements Record<CaseOutcome, number> {
  @IsInt() @Min(0) met!: number;
  @IsInt() @Min(0) improved!: number;
  @IsInt() @Min(0) referred!: number;
  @IsInt() @Min(0) 'declined-by-student'!: number;
  @IsInt() @Min(0) unreachable!: number;
}

/**
 * Flagged students whose first attended meeting came within `days` of the flag. Only cases flagged
 * at least `days` ago count: a younger case may still meet in time.
 */
export class MetWithinReply {
  @IsInt() @Min(1) days!: number;
  @IsInt() @Min(0) cases!: number;
  @IsInt() @Min(0) met!: number;
  /** met / cases; null when no case is old enough. */
  @Nullable() @IsNumber() @Min(0) @Max(1) share!: number | null;
}

/**
 * Cases closed with an outcome among those flagged at least `afterDays` ago. Younger cases are still
 * being worked and are left out; an older case that is still open is a loop nobody has closed.
 */
export class LoopClosureReply {
  @IsInt() @Min(1) afterDays!: number;
  @IsInt() @Min(0) cases!: number;
  @IsInt() @Min(0) closed!: number;
  /** closed / cases; null when no case is old enough. */
  @Nullable() @IsNumber() @Min(0) @Max(1) rate!: number | null;
}

/** Cases closed before any attended meeting, by how they ended (mostly declined by the student, or unreachable). */
export class EndedEarlyReply {
  @IsInt() @Min(0) cases!: number;
  @IsObject() @ValidateNested() @Type(() => CaseOutcomeCountsReply) outcomes!: CaseOutcomeCountsReply;
}

/** The figures of one group of cases: a programme, a mentor, or everything the caller reaches. */
export class OutcomeFiguresReply {
  @IsInt() @Min(0) casesFlagged!: number;
  @IsObject() @ValidateNested() @Type(() => DurationSummaryReply) flagToFirstContact!: DurationSummaryReply;
  @IsObject() @ValidateNested() @Type(() => DurationSummaryReply) flagToFirstMeeting!: DurationSummaryReply;
  @IsObject() @ValidateNested() @Type(() => MetWithinReply) metWithin7Days!: MetWithinReply;
  @IsObject() @ValidateNested() @Type(() => MetWithinReply) metWithin14Days!: MetWithinReply;
  @IsObject() @ValidateNested() @Type(() => LoopClosureReply) loopClosure!: LoopClosureReply;
  @IsObject() @ValidateNested() @Type(() => CaseOutcomeCountsReply) outcomes!: CaseOutcomeCountsReply;
  @IsObject() @ValidateNested() @Type(() => EndedEarlyReply) endedEarly!: EndedEarlyReply;
}

export class ProgrammeOutcomesReply extends OutcomeFiguresReply {
  @IsString() program!: string;
}

/** A mentor's cases (in the caller's programmes), whoever holds them now being the case's mentor. */
export class MentorOutcomesReply extends OutcomeFiguresReply {
  @IsString() mentorId!: string;
  @IsString() displayName!: string;
}

/** GET /v1/reports/outcomes: the figures overall, per programme and per mentor. */
export class OutcomesReportReply {
  /** The moment the report was made; the ages of cases are measured to it. */
  @IsISO8601() asOf!: string;
  /** Cases flagged at or after this instant, when asked. */
  @Nullable() @IsISO8601() since!: string | null;
  @IsObject() @ValidateNested() @Type(() => OutcomeFiguresReply) total!: OutcomeFiguresReply;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ProgrammeOutcomesReply) programmes!: ProgrammeOutcomesReply[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => MentorOutcomesReply) mentors!: MentorOutcomesReply[];
  /** Added: cases in scope by opening reason, counted before any `openedFor` filter so both categories show. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CasesOpenedForReply) casesOpenedFor?: CasesOpenedForReply;
}
