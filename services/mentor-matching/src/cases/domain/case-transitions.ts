import { CASE_PHASES, CaseCloser, CaseOutcome, CasePhase, CaseStatus, SessionOutcome } from '@mentoring/contracts';
import { HOUR_MS, IsoInterval } from '../../shared/time';
import { CaseErrorCode, CaseTransitionError } from './case-errors';
import { assertUnreachable } from './follow-through';
import { freshFollowThrough } from './follow-through-state';
import {
  CasePolicy,
  CaseTransition,
  DEFAULT_CASE_POLICY,
  MeetingSlot,
  MentoringCase,
  ReassignmentRequester,
} from './mentoring-case';

const MAX_CADENCE_DAYS = 90;

export const SLA_EXPIRED_REASON = 'The mentor did not respond within the SLA';

export function openCase(input: { id: string; studentId: string; flaggedAt: Date }, now: Date): CaseTransition {
  const state: MentoringCase = {
    id: input.id,
    studentId: input.studentId,
    status: 'open',
    phase: 'ice-breaking',
    mentorId: null,
    previousMentorId: null,
    mentorsWhoLeft: [],
    flaggedAt: input.flaggedAt,
    openedAt: now,
    matchedAt: null,
    ...noSlaClock(),
    acceptedAt: null,
    firstContactAt: null,
    firstMeetingAt: null,
    lastMeetingAt: null,
    proposedSlots: [],
    confirmedSlot: null,
    meeting: null,
    meetingsBooked: 0,
    ...freshFollowThrough(),
    consecutiveMissed: 0,
    cadenceDaysOverride: null,
    outcome: null,
    closedAt: null,
  };
  return { state, changes: [{ kind: 'opened', occurredAt: now }] };
}

/** Offers an open or waitlisted case to a mentor and starts the SLA clock. */
export function matchCase<C extends MentoringCase>(
  current: C,
  match: { mentorId: string; proposedSlots: readonly IsoInterval[] },
  now: Date,
  policy: CasePolicy = DEFAULT_CASE_POLICY,
): CaseTransition<C> {
  requireStatus(current, ['open', 'waitlisted'], 'match');
  requireNotLeft(current, match.mentorId);
  return {
    state: { ...current, status: 'matched', ...assignTo(match.mentorId, match.proposedSlots, now, policy) },
    changes: [{ kind: 'matched', occurredAt: now, mentorId: match.mentorId }],
  };
}

/** No eligible mentor: the case waits (it is never dropped) and the coordinator is told. */
export function waitlistCase<C extends MentoringCase>(current: C, now: Date): CaseTransition<C> {
  requireStatus(current, ['open'], 'waitlist');
  return {
    state: { ...current, status: 'waitlisted' },
    changes: [
      { kind: 'waitlisted', occurredAt: now },
      { kind: 'escalated', occurredAt: now, escalationReason: 'no-eligible-mentor', mentorId: null },
    ],
  };
}

/**
 * Also allowed after the SLA deadline if the expiry has not been processed yet: a late yes still
 * gives the student a mentor sooner than a re-match would. Acceptance sends the student the
 * mentor's introduction, so it counts as first contact.
 */
export function acceptCase<C extends MentoringCase>(
  current: C,
  mentorId: string,
  now: Date,
  freshSlots: readonly MeetingSlot[] = current.proposedSlots,
): CaseTransition<C> {
  requireStatus(current, ['matched'], 'accept');
  requireAssignedMentor(current, mentorId);
  // The slots chosen at matching may have passed or been booked by now; the student gets times free at acceptance.
  const proposedSlots = freshSlots.filter((slot) => isFutureSlot(slot, now));
  return {
    state: {
      ...current,
      status: 'active',
      acceptedAt: now,
      firstContactAt: current.firstContactAt ?? now,
      proposedSlots,
      // The introduction is the first attempt to reach the student.
      contactAttempts: current.contactAttempts + 1,
      ...noSlaClock(),
    },
    changes: [{ kind: 'accepted', occurredAt: now, mentorId }],
  };
}

/** The case goes back to `open` for re-matching; the declining mentor is not offered it again. */
export function declineCase<C extends MentoringCase>(
  current: C,
  decline: { mentorId: string; reason: string },
  now: Date,
): CaseTransition<C> {
  requireStatus(current, ['matched'], 'decline');
  requireAssignedMentor(current, decline.mentorId);
  const reason = requireReason(current, decline.reason);
  return {
    state: { ...current, status: 'open', ...releaseMentor(current, decline.mentorId) },
    changes: [{ kind: 'declined', occurredAt: now, mentorId: decline.mentorId, reason }],
  };
}

/** Fired by the durable half-time timer; refuses a second reminder so a timer fires once in effect. */
export function remindMentor<C extends MentoringCase>(current: C, now: Date): CaseTransition<C> {
  requireStatus(current, ['matched'], 'remind the mentor of');
  const mentorId = assignedMentor(current);
  if (current.reminderSentAt) fail(current, 'REMINDER_ALREADY_SENT', 'The mentor has already been reminded');
  if (!current.slaReminderAt || now < current.slaReminderAt) fail(current, 'REMINDER_NOT_DUE', 'The reminder is not due yet');
  return {
    state: { ...current, reminderSentAt: now },
    changes: [{ kind: 'reminder-due', occurredAt: now, mentorId }],
  };
}

/** The mentor did not answer in time: back to `open` for re-matching, and the coordinator is told. */
export function expireSla<C extends MentoringCase>(current: C, now: Date): CaseTransition<C> {
  requireStatus(current, ['matched'], 'expire the SLA of');
  const mentorId = assignedMentor(current);
  if (!current.slaDeadline || now < current.slaDeadline) fail(current, 'SLA_NOT_EXPIRED', 'The SLA has not expired yet');
  return {
    state: { ...current, status: 'open', ...releaseMentor(current, mentorId) },
    changes: [{ kind: 'escalated', occurredAt: now, escalationReason: 'sla-expired', mentorId }],
  };
}

/**
 * After an SLA expiry the case is open again; giving it to the next mentor is, for the student and
 * both mentors, a reassignment, so it is recorded as one (the mentor who let it lapse hears of it).
 */
export function reassignAfterExpiry<C extends MentoringCase>(
  current: C,
  match: { mentorId: string; proposedSlots: readonly IsoInterval[] },
  now: Date,
  policy: CasePolicy = DEFAULT_CASE_POLICY,
): CaseTransition<C> {
  const previousMentorId = current.previousMentorId;
  if (current.status !== 'open' || previousMentorId === null) {
    fail(current, current.status === 'closed' ? 'CASE_CLOSED' : 'INVALID_STATUS', 'Only an open case that a mentor left can be passed on');
  }
  const matched = matchCase(current, match, now, policy);
  return {
    state: matched.state,
    changes: [
      {
        kind: 'reassigned',
        occurredAt: now,
        previousMentorId,
        mentorId: match.mentorId,
        reason: SLA_EXPIRED_REASON,
        requestedBy: 'system',
      },
    ],
  };
}

/**
 * Moves a case to another mentor, at the coordinator's or the student's request; with no mentor
 * available it is waitlisted instead. A new relationship starts again at ice-breaking.
 */
export function reassignCase<C extends MentoringCase>(
  current: C,
  reassignment: {
    mentorId: string | null;
    reason: string;
    requestedBy: ReassignmentRequester;
    proposedSlots: readonly IsoInterval[];
  },
  now: Date,
  policy: CasePolicy = DEFAULT_CASE_POLICY,
): CaseTransition<C> {
  requireStatus(current, ['matched', 'active'], 'reassign');
  const previousMentorId = assignedMentor(current);
  const reason = requireReason(current, reassignment.reason);
  const { mentorId } = reassignment;
  if (mentorId === previousMentorId) fail(current, 'SAME_MENTOR', 'The case is already with this mentor');
  if (mentorId) requireNotLeft(current, mentorId);
  const released = {
    ...current,
    ...releaseMentor(current, previousMentorId),
    phase: 'ice-breaking' as const,
    cadenceDaysOverride: null,
  };
  const reassigned = {
    kind: 'reassigned' as const,
    occurredAt: now,
    previousMentorId,
    mentorId,
    reason,
    requestedBy: reassignment.requestedBy,
  };
  if (mentorId === null) {
    const waitlisted = waitlistCase({ ...released, status: 'open' as const }, now);
    return { state: waitlisted.state, changes: [reassigned, ...waitlisted.changes] };
  }
  return {
    state: { ...released, status: 'matched', ...assignTo(mentorId, reassignment.proposedSlots, now, policy) },
    changes: [reassigned],
  };
}

/** New times to choose from ("none of these suit me", or the next meeting), with the same mentor. */
export function proposeNewSlots<C extends MentoringCase>(current: C, slots: readonly MeetingSlot[], now: Date): CaseTransition<C> {
  requireStatus(current, ['matched', 'active'], 'propose slots for');
  if (slots.some((slot) => !isFutureSlot(slot, now))) {
    fail(current, 'INVALID_SLOT', 'Every slot needs a valid start in the future and an end after it');
  }
  return { state: { ...current, proposedSlots: slots }, changes: [{ kind: 'slots-proposed', occurredAt: now }] };
}

/**
 * Records a session. Only attendance resets the missed count (a cancellation is neither), and
 * reaching the escalation threshold brings in the coordinator once per run of misses.
 */
export function logSession<C extends MentoringCase>(
  current: C,
  session: { outcome: SessionOutcome; occurredAt: Date },
  now: Date,
  policy: CasePolicy = DEFAULT_CASE_POLICY,
): CaseTransition<C> {
  requireStatus(current, ['active'], 'log a session for');
  if (session.occurredAt > now) fail(current, 'SESSION_IN_FUTURE', 'A session cannot be logged before it happens');
  const attended = session.outcome === 'attended';
  const consecutiveMissed = missedAfter(current.consecutiveMissed, session.outcome);
  const state = {
    ...current,
    consecutiveMissed,
    contactAttempts: attended ? 0 : current.contactAttempts,
    firstMeetingAt: attended ? earliest(current.firstMeetingAt, session.occurredAt) : current.firstMeetingAt,
    lastMeetingAt: attended ? latest(current.lastMeetingAt, session.occurredAt) : current.lastMeetingAt,
    // A confirmed slot that has begun is what this session was about; a future one still stands.
    ...(current.confirmedSlot && Date.parse(current.confirmedSlot.start) <= now.getTime() ? { confirmedSlot: null, meeting: null } : {}),
  };
  const logged = {
    kind: 'session-logged' as const,
    occurredAt: now,
    outcome: session.outcome,
    sessionAt: session.occurredAt,
    consecutiveMissed,
  };
  const escalate = session.outcome === 'missed' && consecutiveMissed === policy.missedSessionsBeforeEscalation;
  return {
    state,
    changes: escalate
      ? [logged, { kind: 'escalated', occurredAt: now, escalationReason: 'repeated-missed-sessions', mentorId: current.mentorId }]
      : [logged],
  };
}

/**
 * One step forward or back: a student who struggles when self-directed may need structure again,
 * but a relationship cannot skip from ice-breaking to self-directed. The phase's own cadence applies.
 */
export function changePhase<C extends MentoringCase>(current: C, to: CasePhase, now: Date): CaseTransition<C> {
  requireStatus(current, ['active'], 'change the phase of');
  const from = current.phase;
  if (to === from) fail(current, 'PHASE_UNCHANGED', `The case is already in ${to}`);
  if (Math.abs(CASE_PHASES.indexOf(to) - CASE_PHASES.indexOf(from)) > 1) {
    fail(current, 'PHASE_SKIPPED', `A case moves one phase at a time, not from ${from} to ${to}`);
  }
  return {
    state: { ...current, phase: to, cadenceDaysOverride: null },
    changes: [{ kind: 'phase-changed', occurredAt: now, from, to }],
  };
}

/** A meeting rhythm agreed with this student for the current phase; no event, as nobody else needs it. */
export function adjustCadence<C extends MentoringCase>(current: C, days: number | null): CaseTransition<C> {
  requireStatus(current, ['matched', 'active'], 'adjust the cadence of');
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_CADENCE_DAYS)) {
    fail(current, 'INVALID_CADENCE', `Cadence must be 1 to ${MAX_CADENCE_DAYS} days`);
  }
  return { state: { ...current, cadenceDaysOverride: days }, changes: [] };
}

/**
 * The student's marks lifted their standing while a mentor works with them: worth a word of
 * encouragement, but the relationship goes on, so the case stays as it is.
 */
export function noteProgress<C extends MentoringCase>(current: C, now: Date): CaseTransition<C> {
  requireStatus(current, ['active'], 'note progress on');
  return { state: current, changes: [{ kind: 'progress-noted', occurredAt: now }] };
}

/**
 * Records the outcome and who closed the case. `met` needs an attended meeting, `unreachable`
 * enough unanswered attempts to reach the student, and `referred` says to whom, so the outcome
 * figures stay honest. The missed-session count stays as it was: risk-scoring stops counting a
 * closed case's streak, and a later case starts its own.
 */
export function closeCase<C extends MentoringCase>(
  current: C,
  closure: { outcome: CaseOutcome; reason?: string | null; referredTo?: string | null; closedBy: CaseCloser },
  now: Date,
  policy: CasePolicy = DEFAULT_CASE_POLICY,
): CaseTransition<C> {
  requireStatus(current, ['open', 'waitlisted', 'matched', 'active'], 'close');
  if (closure.outcome === 'met' && !current.firstMeetingAt) {
    fail(current, 'OUTCOME_REQUIRES_MEETING', 'A case closes as met only after an attended meeting');
  }
  if (closure.outcome === 'unreachable') assertUnreachable(current, policy);
  const referredTo = closure.outcome === 'referred' ? closure.referredTo?.trim() : null;
  if (closure.outcome === 'referred' && !referredTo) fail(current, 'REFERRAL_REQUIRED', 'Say where the student was referred to');
  return {
    state: { ...current, status: 'closed', outcome: closure.outcome, closedAt: now, ...noSlaClock() },
    changes: [
      {
        kind: 'closed',
        occurredAt: now,
        outcome: closure.outcome,
        mentorId: current.mentorId,
        reason: closure.reason ?? null,
        referredTo: referredTo ?? null,
        closedBy: closure.closedBy,
      },
    ],
  };
}

function assignTo(mentorId: string, proposedSlots: readonly IsoInterval[], now: Date, policy: CasePolicy) {
  return {
    mentorId,
    matchedAt: now,
    slaDeadline: new Date(now.getTime() + policy.slaHours * HOUR_MS),
    slaReminderAt: new Date(now.getTime() + policy.slaHours * policy.reminderAtFraction * HOUR_MS),
    reminderSentAt: null,
    proposedSlots,
    confirmedSlot: null,
    meeting: null,
  };
}

// The slots and any confirmed time were the leaving mentor's, so they go with them.
function releaseMentor(current: MentoringCase, mentorId: string) {
  return {
    mentorId: null,
    previousMentorId: mentorId,
    mentorsWhoLeft: current.mentorsWhoLeft.includes(mentorId) ? current.mentorsWhoLeft : [...current.mentorsWhoLeft, mentorId],
    proposedSlots: [],
    confirmedSlot: null,
    meeting: null,
    ...noSlaClock(),
  };
}

function isFutureSlot(slot: IsoInterval, now: Date): boolean {
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  return !Number.isNaN(start) && !Number.isNaN(end) && end > start && start > now.getTime();
}

function noSlaClock() {
  return { slaDeadline: null, slaReminderAt: null, reminderSentAt: null };
}

function missedAfter(consecutiveMissed: number, outcome: SessionOutcome): number {
  if (outcome === 'attended') return 0;
  return outcome === 'missed' ? consecutiveMissed + 1 : consecutiveMissed;
}

function earliest(current: Date | null, candidate: Date): Date {
  return current && current <= candidate ? current : candidate;
}

function latest(current: Date | null, candidate: Date): Date {
  return current && current >= candidate ? current : candidate;
}

function requireStatus(current: MentoringCase, allowed: readonly CaseStatus[], action: string): void {
  if (allowed.includes(current.status)) return;
  const code = current.status === 'closed' ? 'CASE_CLOSED' : 'INVALID_STATUS';
  fail(current, code, `Cannot ${action} a ${current.status} case`);
}

function requireAssignedMentor(current: MentoringCase, mentorId: string): void {
  if (current.mentorId !== mentorId) fail(current, 'NOT_ASSIGNED_MENTOR', 'Only the assigned mentor can do this');
}

function requireNotLeft(current: MentoringCase, mentorId: string): void {
  if (current.mentorsWhoLeft.includes(mentorId)) {
    fail(current, 'MENTOR_ALREADY_LEFT', 'This mentor has already left this case');
  }
}

function requireReason(current: MentoringCase, reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) fail(current, 'REASON_REQUIRED', 'A reason is required');
  return trimmed;
}

// Statuses that carry a mentor always have one; a missing one is corrupt state, not a user error.
function assignedMentor(current: MentoringCase): string {
  if (current.mentorId === null) throw new Error(`Case ${current.id} is ${current.status} without a mentor`);
  return current.mentorId;
}

function fail(current: MentoringCase, code: CaseErrorCode, message: string): never {
  throw new CaseTransitionError(code, current.id, message);
}
