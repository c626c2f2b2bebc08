import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { RiskReasonV1, RISK_LEVELS, RiskLevel } from '../../risk/risk-assessed/v1';

/**
 * Every change of a mentoring case; the envelope type is `mentoring.case-<kind>.v1`.
 * `progress-noted`: the student's marks lifted their standing while a mentor is working with them
 * (never sent for a policy change); the case stays active.
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
  @IsISO8601() occurredAt!: string;
}
