import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RiskReasonV1, RISK_LEVELS, RiskLevel } from '../../risk/risk-assessed/v1';

/**
 * Every change of a mentoring case; the envelope type is `mentoring.case-<kind>.v1`.
 * `progress-noted`: the student's marks lifted their standing while a mentor is working with them
 * (never sent for a policy change); the case stays active.
 * `slots-proposed`: new times to choose from (the next meeting after a session, or "none of these
 * suit me"), in `proposedSlots`.
 * `slot-confirmed` books a meeting, or moves a booked one (same `meeting.uid`, higher `sequence`);
 * `meeting-cancelled` calls it off (same uid, higher sequence).
 * `meeting-reminder-due`: a booked meeting is `reminder.leadMinutes` away.
 * `nudge-due`: the pair has stalled (`nudge` says how and who is to act).
 */
export const CASE_EVENT_KINDS = [
  'opened',
  'matched',
  'waitlisted',
  'accepted',
  'declined',
  'reassigned',
  'slot-confirmed',
  'reminder-due',
  'phase-changed',
  'session-logged',
  'escalated',
  'closed',
  // Added within v1: consumers subscribe per kind, so those that predate it never receive it.
  'progress-noted',
  'slots-proposed',
  'meeting-cancelled',
  'meeting-reminder-due',
  'nudge-due',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** The envelope type of a case event kind, e.g. `mentoring.case-matched.v1`. */
export function caseEventType(kind: CaseEventKind): string {
  return `mentoring.case-${kind}.v1`;
}

export const CASE_PHASES = ['ice-breaking', 'structured-engagement', 'self-directed'] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

export const CASE_STATUSES = ['open', 'waitlisted', 'matched', 'active', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const SESSION_OUTCOMES = ['attended', 'missed', 'cancelled'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

export const CASE_OUTCOMES = ['met', 'improved', 'referred', 'declined-by-student', 'unreachable'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Where a mentor meets students, from the mentor's profile. */
export const MEETING_MODES = ['in-person', 'video', 'phone'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

/**
 * Why a pair is nudged: accepted but nothing booked, no first meeting long after the flag, or the
 * next meeting overdue against the phase's cadence.
 */
export const NUDGE_KINDS = ['not-booked', 'no-first-meeting', 'cadence-overdue'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** Who a nudge is for. */
export const NUDGE_AUDIENCES = ['student-and-mentor', 'mentor', 'coordinator'] as const;
export type NudgeAudience = (typeof NUDGE_AUDIENCES)[number];

/** Who closed a case, so the coordinator can be told when it was not them. */
export const CASE_CLOSERS = ['mentor', 'coordinator', 'student', 'system'] as const;
export type CaseCloser = (typeof CASE_CLOSERS)[number];

/** Why a case was opened: a risk flag from the student's marks, or the student asking for a mentor themself. */
export const CASE_OPENING_REASONS = ['risk-flag', 'self-referral'] as const;
export type CaseOpeningReason = (typeof CASE_OPENING_REASONS)[number];

export const ESCALATION_REASONS = ['no-eligible-mentor', 'sla-expired', 'repeated-missed-sessions'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Only what a message to this person needs: a name to greet, where to write, their time zone. */
export class CaseParticipantV1 {
  @IsString() id!: string;
  @IsString() displayName!: string;
  @IsOptional() @IsEmail() email?: string | null;
  @IsString() timeZone!: string;
}

export class MeetingSlotV1 {
  @IsISO8601() start!: string;
  @IsISO8601() end!: string;
  /** Added within v1: how and where the mentor meets (room, video link or phone number). */
  @IsOptional() @IsIn(MEETING_MODES as unknown as string[]) mode?: MeetingMode | null;
  @IsOptional() @IsString() @MaxLength(500) location?: string | null;
}

/**
 * A booked meeting as a calendar entry: `uid` stays the same when it is moved or cancelled and
 * `sequence` grows with each change, so calendars update the entry instead of adding another.
 */
export class MeetingV1 {
  @IsString() @MaxLength(200) uid!: string;
  @IsInt() @Min(0) sequence!: number;
  @IsISO8601() start!: string;
  @IsISO8601() end!: string;
  @IsIn(MEETING_MODES as unknown as string[]) mode!: MeetingMode;
  @IsString() @MaxLength(500) location!: string;
}

export class MeetingReminderV1 {
  /** How long before the meeting's start this reminder is meant to arrive. */
  @IsInt() @Min(1) leadMinutes!: number;
}

export class NudgeV1 {
  @IsIn(NUDGE_KINDS as unknown as string[]) kind!: NudgeKind;
  @IsIn(NUDGE_AUDIENCES as unknown as string[]) audience!: NudgeAudience;
  /** Days since the pair was due to act (booked, met, or met again). */
  @IsInt() @Min(0) daysWaiting!: number;
}

export class SessionLogV1 {
  @IsIn(SESSION_OUTCOMES as unknown as string[]) outcome!: SessionOutcome;
  @IsISO8601() occurredAt!: string;
  /** Missed sessions in a row, so risk-scoring can react to a pattern rather than one miss. */
  @IsInt() @Min(0) consecutiveMissed!: number;
}

export class CaseEventV1 {
  @IsIn(CASE_EVENT_KINDS as unknown as string[]) kind!: CaseEventKind;
  @IsString() caseId!: string;
  @IsString() studentId!: string;
  @IsString() program!: string;
  @IsInt() @Min(1) yearOfStudy!: number;
  @IsIn(CASE_STATUSES as unknown as string[]) status!: CaseStatus;
  @IsIn(CASE_PHASES as unknown as string[]) phase!: CasePhase;
  @IsIn(RISK_LEVELS as unknown as string[]) riskLevel!: RiskLevel;
  @ValidateNested() @Type(() => CaseParticipantV1) student!: CaseParticipantV1;
  @IsOptional() @ValidateNested() @Type(() => CaseParticipantV1) mentor?: CaseParticipantV1 | null;
  @IsOptional() @ValidateNested() @Type(() => CaseParticipantV1) previousMentor?: CaseParticipantV1 | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RiskReasonV1) reasons!: RiskReasonV1[];
  @IsArray() @IsString({ each: true }) weakCourses!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => MeetingSlotV1) proposedSlots!: MeetingSlotV1[];
  @IsOptional() @ValidateNested() @Type(() => MeetingSlotV1) confirmedSlot?: MeetingSlotV1 | null;
  @IsOptional() @IsISO8601() slaDeadline?: string | null;
  @IsOptional() @ValidateNested() @Type(() => SessionLogV1) session?: SessionLogV1 | null;
  @IsOptional() @IsIn(ESCALATION_REASONS as unknown as string[]) escalationReason?: EscalationReason | null;
  @IsOptional() @IsIn(CASE_OUTCOMES as unknown as string[]) outcome?: CaseOutcome | null;
  /** Free-text reason for a decline or reassignment; never a private session note. */
  @IsOptional() @IsString() reason?: string | null;
  // Added within v1 (optional, and only on the kinds that were added with them or on `closed`).
  /** The booked meeting: on `slot-confirmed`, `meeting-cancelled`, `meeting-reminder-due`. */
  @IsOptional() @ValidateNested() @Type(() => MeetingV1) meeting?: MeetingV1 | null;
  @IsOptional() @ValidateNested() @Type(() => MeetingReminderV1) reminder?: MeetingReminderV1 | null;
  @IsOptional() @ValidateNested() @Type(() => NudgeV1) nudge?: NudgeV1 | null;
  /** On `closed` with outcome `referred`: the service the student was referred to. */
  @IsOptional() @IsString() @MaxLength(200) referredTo?: string | null;
  @IsOptional() @IsIn(CASE_CLOSERS as unknown as string[]) closedBy?: CaseCloser | null;
  /** When the student was flagged (the assessment that opened the case): the start of the promises' clocks. */
  @IsOptional() @IsISO8601() flaggedAt?: string | null;
  /** Added within v1: why the case was opened; absent means a risk flag (cases from before the field). */
  @IsOptional() @IsIn(CASE_OPENING_REASONS as unknown as string[]) openedFor?: CaseOpeningReason | null;
  @IsISO8601() occurredAt!: string;
}
