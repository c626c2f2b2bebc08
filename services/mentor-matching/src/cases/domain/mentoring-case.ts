import { CaseCloser, CaseOutcome, CasePhase, CaseStatus, EscalationReason, MeetingMode, NudgeAudience, NudgeKind, SessionOutcome } from '@mentoring/contracts';
import { IsoInterval } from '../../shared/time';
import { DEFAULT_FOLLOW_THROUGH_POLICY, FollowThroughPolicy, FollowThroughState } from './follow-through-state';

/** How and where a meeting is held, from the mentor's profile; `location` is empty when the mentor has not given one. */
export interface MeetingPlace {
  readonly mode: MeetingMode;
  readonly location: string;
}

/** A time on offer, with the mentor's mode and place when known. */
export interface MeetingSlot extends IsoInterval {
  readonly mode?: MeetingMode | null;
  readonly location?: string | null;
  /**
   * Chosen for this case (named by the mentor, or other times the student asked for): kept on offer
   * while it can be booked, where slots picked at matching time give way to fresh ones.
   */
  readonly keepOnOffer?: boolean;
}

/**
 * A booked meeting as a calendar entry: `uid` stays while it is moved or cancelled, `sequence`
 * grows with each change, so calendars update the entry rather than add another.
 */
export interface BookedMeeting extends IsoInterval, MeetingPlace {
  readonly uid: string;
  readonly sequence: number;
}

/** The state of one mentoring case; transitions never mutate it, they return the next state. */
export interface MentoringCase extends FollowThroughState {
  readonly id: string;
  readonly studentId: string;
  readonly status: CaseStatus;
  readonly phase: CasePhase;
  readonly mentorId: string | null;
  readonly previousMentorId: string | null;
  /** Mentors who declined, let the SLA run out or were moved off this case; re-matching skips them. */
  readonly mentorsWhoLeft: readonly string[];
  /** When the risk assessment that opened the case was made: the start of every response-time measure. */
  readonly flaggedAt: Date;
  readonly openedAt: Date;
  readonly matchedAt: Date | null;
  readonly slaReminderAt: Date | null;
  readonly slaDeadline: Date | null;
  readonly reminderSentAt: Date | null;
  readonly acceptedAt: Date | null;
  readonly firstContactAt: Date | null;
  readonly firstMeetingAt: Date | null;
  readonly lastMeetingAt: Date | null;
  readonly proposedSlots: readonly MeetingSlot[];
  readonly confirmedSlot: IsoInterval | null;
  /** The booked meeting (its time is `confirmedSlot`); null when none is booked or it was cancelled or held. */
  readonly meeting: BookedMeeting | null;
  /** Meetings booked on this case so far: each new one gets the next uid. */
  readonly meetingsBooked: number;
  readonly consecutiveMissed: number;
  /** A cadence agreed with this student for the current phase; null means the phase default. */
  readonly cadenceDaysOverride: number | null;
  readonly outcome: CaseOutcome | null;
  readonly closedAt: Date | null;
}

export interface CasePolicy extends FollowThroughPolicy {
  /** Hours a mentor has to accept a matched case. */
  readonly slaHours: number;
  /** Fraction of the SLA after which the mentor is reminded. */
  readonly reminderAtFraction: number;
  /** Default days between meetings per phase: close at first, looser as the student takes the lead. */
  readonly cadenceDays: Readonly<Record<CasePhase, number>>;
  /** Missed sessions in a row that bring the coordinator in. */
  readonly missedSessionsBeforeEscalation: number;
}

export const DEFAULT_CASE_POLICY: CasePolicy = {
  ...DEFAULT_FOLLOW_THROUGH_POLICY,
  slaHours: 48,
  reminderAtFraction: 0.5,
  cadenceDays: { 'ice-breaking': 7, 'structured-engagement': 14, 'self-directed': 28 },
  missedSessionsBeforeEscalation: 2,
};

/** `system`: the matcher moved the case on because the mentor let the SLA run out. */
export type ReassignmentRequester = 'coordinator' | 'student' | 'system';

/** What happened to a case, in the order it happened; each maps to one `mentoring.case-<kind>.v1` event. */
export type CaseChange =
  | { readonly kind: 'opened'; readonly occurredAt: Date }
  | { readonly kind: 'matched'; readonly occurredAt: Date; readonly mentorId: string }
  | { readonly kind: 'waitlisted'; readonly occurredAt: Date }
  | { readonly kind: 'accepted'; readonly occurredAt: Date; readonly mentorId: string }
  | { readonly kind: 'declined'; readonly occurredAt: Date; readonly mentorId: string; readonly reason: string }
  | {
      readonly kind: 'reassigned';
      readonly occurredAt: Date;
      readonly previousMentorId: string;
      readonly mentorId: string | null;
      readonly reason: string;
      readonly requestedBy: ReassignmentRequester;
    }
  | { readonly kind: 'reminder-due'; readonly occurredAt: Date; readonly mentorId: string }
  | { readonly kind: 'slot-confirmed'; readonly occurredAt: Date; readonly slot: IsoInterval; readonly meeting: BookedMeeting }
  | { readonly kind: 'slots-proposed'; readonly occurredAt: Date }
  | {
      readonly kind: 'meeting-cancelled';
      readonly occurredAt: Date;
      readonly meeting: BookedMeeting;
      readonly reason: string | null;
      /** The mentor the meeting was with when they have just left the case; null: the case's mentor. */
      readonly mentorId: string | null;
    }
  | { readonly kind: 'phase-changed'; readonly occurredAt: Date; readonly from: CasePhase; readonly to: CasePhase }
  | { readonly kind: 'progress-noted'; readonly occurredAt: Date }
  | { readonly kind: 'meeting-reminder-due'; readonly occurredAt: Date; readonly leadMinutes: number; readonly meeting: BookedMeeting }
  | {
      readonly kind: 'nudge-due';
      readonly occurredAt: Date;
      readonly nudge: { readonly kind: NudgeKind; readonly audience: NudgeAudience; readonly daysWaiting: number };
    }
  | {
      readonly kind: 'session-logged';
      readonly occurredAt: Date;
      readonly outcome: SessionOutcome;
      readonly sessionAt: Date;
      readonly consecutiveMissed: number;
    }
  | {
      readonly kind: 'escalated';
      readonly occurredAt: Date;
      readonly escalationReason: EscalationReason;
      /** The mentor concerned, if any (the one who let the SLA expire). */
      readonly mentorId: string | null;
    }
  | {
      readonly kind: 'closed';
      readonly occurredAt: Date;
      readonly outcome: CaseOutcome;
      readonly mentorId: string | null;
      readonly reason: string | null;
      /** With outcome `referred`: the service the student was referred to. */
      readonly referredTo: string | null;
      readonly closedBy: CaseCloser;
    };

/** The next state and the changes to publish, written in one transaction with the outbox. */
export interface CaseTransition<C extends MentoringCase = MentoringCase> {
  readonly state: C;
  readonly changes: CaseChange[];
}
