import { BaseServiceConfig, splitList } from '@mentoring/config';
import { PROGRAM_CODE } from '@mentoring/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsInt, IsNumber, IsTimeZone, Matches, Max, Min } from 'class-validator';

export const SERVICE_NAME = 'mentor-matching';

/**
 * mentor-matching's settings; each variable is named like the environment variable it reads.
 * Numbers carry @Type: the environment holds strings.
 */
export class MentorMatchingConfig extends BaseServiceConfig {
  override PORT = 3003;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/mentor_matching';

  /** Hours a mentor has to accept a matched case; the reminder goes out at half-time. */
  @Type(() => Number) @IsInt() @Min(1) @Max(720) SLA_HOURS = 48;

  /**
   * Cases opened within this many milliseconds of the first waiting one are matched together. It
   * is also how long the first one waits: long enough to gather a burst of flags that arrive
   * together, short enough that a mentor hears within a second.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(60_000) MATCH_BURST_WINDOW_MS = 500;

  /** Largest number of cases assigned jointly in one run; more wait for the next run. */
  @Type(() => Number) @IsInt() @Min(1) @Max(5000) MATCH_BURST_MAX_CASES = 1000;

  /** How often a replica looks for due matching runs and timers. */
  @Type(() => Number) @IsInt() @Min(20) @Max(60_000) WORKER_POLL_INTERVAL_MS = 250;

  /** How often waitlisted cases are tried again even when nothing announced freed capacity (leave ending, say). */
  @Type(() => Number) @IsInt() @Min(1000) @Max(86_400_000) WAITLIST_RETRY_INTERVAL_MS = 300_000;

  /** Programmes (comma-separated) in which the `watch` level already opens a case; `at-risk` and `urgent` always do. */
  @Transform(({ obj, key }) => splitList((obj as Record<string, unknown>)[key]))
  @IsArray()
  @Matches(PROGRAM_CODE, { each: true, message: 'must be a comma-separated list of upper-case programme codes such as MBBS' })
  WATCH_OPENS_CASE_PROGRAMS: string[] = [];

  @Type(() => Number) @IsInt() @Min(15) @Max(240) MEETING_MINUTES = 30;

  /** Meeting slots offered with each match. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10) PROPOSED_SLOT_COUNT = 3;

  /** No slot is offered sooner than this: the mentor has yet to accept and the student needs notice. */
  @Type(() => Number) @IsInt() @Min(0) @Max(168) SLOT_MIN_LEAD_HOURS = 24;

  /** Time zone of a student first seen in a risk event, until their profile says otherwise. */
  @IsTimeZone({ message: 'must be an IANA time zone such as Asia/Karachi' }) DEFAULT_STUDENT_TIME_ZONE = 'UTC';

  /** Missed sessions in a row that bring the coordinator in. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10) MISSED_SESSIONS_BEFORE_ESCALATION = 2;

  /** Default days between meetings in each phase; a mentor can agree another rhythm per student. */
  @Type(() => Number) @IsInt() @Min(1) @Max(90) CADENCE_DAYS_ICE_BREAKING = 7;
  @Type(() => Number) @IsInt() @Min(1) @Max(90) CADENCE_DAYS_STRUCTURED_ENGAGEMENT = 14;
  @Type(() => Number) @IsInt() @Min(1) @Max(90) CADENCE_DAYS_SELF_DIRECTED = 28;

  /** Hours before a booked meeting at which student and mentor are reminded (comma-separated, fractions allowed, e.g. "24,1"). */
  @Transform(({ obj, key }) => numberList((obj as Record<string, unknown>)[key]))
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsNumber({ allowNaN: false }, { each: true, message: 'must be a comma-separated list of hours such as 24,1' })
  @Min(0.25, { each: true })
  @Max(336, { each: true })
  MEETING_REMINDER_LEAD_HOURS: number[] = [24, 1];

  /** Days after acceptance with no meeting booked before the student (warmly) and the mentor are nudged. */
  @Type(() => Number) @IsInt() @Min(1) @Max(60) NUDGE_NOT_BOOKED_DAYS = 3;

  /** Days after the flag with no attended meeting before the coordinator is told. */
  @Type(() => Number) @IsInt() @Min(1) @Max(120) NUDGE_NO_FIRST_MEETING_DAYS = 14;

  /** Days a meeting may stay overdue against the cadence after the mentor's prompt before the coordinator is told. */
  @Type(() => Number) @IsInt() @Min(1) @Max(60) NUDGE_CADENCE_GRACE_DAYS = 7;

  /** Unanswered attempts to reach a student (introduction, nudges, the mentor's own) before a case may close as unreachable. */
  @Type(() => Number) @IsInt() @Min(1) @Max(20) UNREACHABLE_AFTER_ATTEMPTS = 3;
}

// Numbers from a comma-separated environment value; anything that is not a number stays, for the validator to name.
function numberList(value: unknown): unknown {
  const items = splitList(value);
  return Array.isArray(items) ? items.map((item) => (typeof item === 'string' && item.trim() !== '' && !Number.isNaN(Number(item)) ? Number(item) : item)) : items;
}
