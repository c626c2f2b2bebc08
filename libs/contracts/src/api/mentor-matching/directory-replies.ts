import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { CaseStatus, MEETING_MODES, MeetingMode, MeetingSlotV1, SESSION_OUTCOMES, SessionOutcome } from '../../mentoring/case-event/v1';
import { RISK_LEVELS, RiskLevel } from '../../risk/risk-assessed/v1';
import { Nullable } from '../reply';

// What mentor-matching's mentor, student, session and waitlist routes answer, as far as clients read them.

export class WeeklyWindowReply {
  /** 1 = Monday … 7 = Sunday (ISO). */
  @IsInt() weekday!: number;
  /** Wall-clock time in the mentor's zone, e.g. `09:30`. */
  @IsString() start!: string;
  @IsString() end!: string;
}

export class LeavePeriodReply {
  /** Calendar days in the mentor's zone, e.g. `2026-12-24`. */
  @IsString() firstDay!: string;
  @IsString() lastDay!: string;
}

/** GET /v1/mentors/:mentorId, and each mentor of GET /v1/mentors. */
export class MentorReply {
  @IsString() mentorId!: string;
  @IsString() displayName!: string;
  @IsString() timeZone!: string;
  @IsArray() @IsString({ each: true }) programs!: string[];
  @IsInt() @Min(0) maxOpenCases!: number;
  @IsInt() @Min(0) openCases!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => WeeklyWindowReply) weeklyAvailability!: WeeklyWindowReply[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => MeetingSlotV1) blocks!: MeetingSlotV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => LeavePeriodReply) leave!: LeavePeriodReply[];
  @IsBoolean() active!: boolean;
  @IsBoolean() onLeaveNow!: boolean;
  // Added later: optional, so a client checking an older service's reply still accepts it.
  /** How the mentor meets students; set with PUT /v1/mentors/:mentorId/availability. */
  @IsOptional() @IsIn(MEETING_MODES as unknown as string[]) meetingMode?: MeetingMode;
  /** The room, https video link or phone number for `meetingMode`; empty while not given. */
  @IsOptional() @IsString() meetingPlace?: string;
}

/** GET /v1/students/:studentId. */
export class StudentReply {
  @IsString() studentId!: string;
  @IsString() program!: string;
  @IsInt() @Min(1) yearOfStudy!: number;
  @Nullable() @IsString() displayName!: string | null;
  @IsString() timeZone!: string;
}

/** One session of GET /v1/cases/:caseId/sessions. */
export class LoggedSessionReply {
  @IsIn(SESSION_OUTCOMES as unknown as string[]) outcome!: SessionOutcome;
  @IsISO8601() occurredAt!: string;
  @Nullable() @IsString() notes!: string | null;
  @IsISO8601() loggedAt!: string;
}

export class WaitlistMentorReply {
  @IsString() mentorId!: string;
  @IsString() displayName!: string;
  @IsBoolean() eligible!: boolean;
  @IsArray() @IsString({ each: true }) reasons!: string[];
  @IsNumber() bookableFreeMinutesNext14Days!: number;
}

/** One case of GET /v1/coordinator/waitlist, with every mentor and why they can or cannot take it. */
export class WaitlistedCaseReply {
  @IsString() caseId!: string;
  @IsString() studentId!: string;
  @IsString() program!: string;
  @IsInt() @Min(1) yearOfStudy!: number;
  @IsIn(RISK_LEVELS as unknown as string[]) riskLevel!: RiskLevel;
  @IsISO8601() openedAt!: string;
  @Nullable() @IsISO8601() waitlistedAt!: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => WaitlistMentorReply) mentors!: WaitlistMentorReply[];
}

export class ImportRowProblemReply {
  @IsString() field!: string;
  @IsString() problem!: string;
}

export class ImportRowRejectionReply {
  @IsInt() row!: number;
  @Nullable() @IsString() id!: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ImportRowProblemReply) problems!: ImportRowProblemReply[];
}

/** POST /v1/mentors/import and /v1/students/import: rows received, stored and refused (each with its problems). */
export class DirectoryImportReply {
  @IsInt() @Min(0) received!: number;
  @IsInt() @Min(0) created!: number;
  @IsInt() @Min(0) updated!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ImportRowRejectionReply) rejected!: ImportRowRejectionReply[];
}

export class CaseCountsReply implements Record<CaseStatus, number> {
  @IsInt() @Min(0) open!: number;
  @IsInt() @Min(0) waitlisted!: number;
  @IsInt() @Min(0) matched!: number;
  @IsInt() @Min(0) active!: number;
  @IsInt() @Min(0) closed!: number;
}

export class DurationSummaryReply {
  @IsInt() @Min(0) count!: number;
  @Nullable() @IsNumber() medianHours!: number | null;
  @Nullable() @IsNumber() p90Hours!: number | null;
}

/** GET /v1/reports/case-timing: flag to first contact and to first meeting, and cases by status. */
export class CaseTimingReportReply {
  @IsObject() @ValidateNested() @Type(() => DurationSummaryReply) flagToFirstContact!: DurationSummaryReply;
  @IsObject() @ValidateNested() @Type(() => DurationSummaryReply) flagToFirstMeeting!: DurationSummaryReply;
  @IsObject() @ValidateNested() @Type(() => CaseCountsReply) byStatus!: CaseCountsReply;
}
