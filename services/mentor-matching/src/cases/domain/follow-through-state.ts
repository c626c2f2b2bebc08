import type { NudgeAudience, NudgeKind } from '@mentoring/contracts';

/** A meeting reminder that went out: for the meeting starting at `meetingStart`, `leadMinutes` ahead. */
export interface MeetingReminderSent {
  readonly meetingStart: string;
  readonly leadMinutes: number;
  readonly sentAt: string;
}

/**
 * A nudge that went out. `since` is what the stall is counted from (acceptance, the flag, the last
 * attended meeting), so each stall is nudged once per audience and a new one (a later meeting, a
 * new mentor) may be nudged again.
 */
export interface NudgeSent {
  readonly kind: NudgeKind;
  readonly audience: NudgeAudience;
  readonly since: string;
  readonly sentAt: string;
}

/** What a case remembers of its follow-through, so timers firing on several replicas act once. */
export interface FollowThroughState {
  readonly remindersSent: readonly MeetingReminderSent[];
  readonly nudgesSent: readonly NudgeSent[];
  /**
   * Attempts to reach the student since they last answered (booked a time, or met): the mentor's
   * introduction, each nudge the student receives, and the attempts the mentor records.
   */
  readonly contactAttempts: number;
}

export interface NudgePolicy {
  /** Days after acceptance with nothing booked before the student and mentor are nudged. */
  readonly notBookedDays: number;
  /** Days after the flag with no attended meeting before the coordinator is told. */
  readonly noFirstMeetingDays: number;
  /** Days a meeting may stay overdue against the cadence, after the mentor's prompt, before the coordinator is told. */
  readonly cadenceGraceDays: number;
}

export interface FollowThroughPolicy {
  /** Minutes before a booked meeting at which reminders go out, longest first. */
  readonly meetingReminderLeadMinutes: readonly number[];
  readonly nudges: NudgePolicy;
  /** Contact attempts without an answer before a case may be closed as unreachable. */
  readonly unreachableAfterAttempts: number;
}

export const DEFAULT_FOLLOW_THROUGH_POLICY: FollowThroughPolicy = {
  meetingReminderLeadMinutes: [24 * 60, 60],
  nudges: { notBookedDays: 3, noFirstMeetingDays: 14, cadenceGraceDays: 7 },
  unreachableAfterAttempts: 3,
};

/** A case that has sent nothing yet. */
export function freshFollowThrough(): FollowThroughState {
  return { remindersSent: [], nudgesSent: [], contactAttempts: 0 };
}
