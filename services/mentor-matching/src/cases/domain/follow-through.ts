import type { NudgeAudience, NudgeKind, SessionOutcome } from '@mentoring/contracts';
import { DAY_MS, MINUTE_MS } from '../../shared/time';
import { CaseErrorCode, CaseTransitionError } from './case-errors';
import { cadenceDays, nextMeetingDueAt } from './case-timing';
import type { CasePolicy, CaseTransition, MentoringCase } from './mentoring-case';

/**
 * The follow-through after an introduction: reminders before each booked meeting, nudges when a
 * pair stalls, and the attempts to reach a student who does not answer. Timers only wake a case
 * up; what is due is decided here from the case itself, so a timer set for a meeting that moved,
 * or for a pair that has since met, finds nothing to do, and one firing twice sends nothing twice.
 */

export const FOLLOW_THROUGH_TIMER_KINDS = ['meeting-reminder', 'nudge-not-booked', 'nudge-no-first-meeting', 'nudge-cadence-overdue'] as const;
export type FollowThroughTimerKind = (typeof FOLLOW_THROUGH_TIMER_KINDS)[number];

export interface FollowThroughTimer {
  readonly kind: FollowThroughTimerKind;
  readonly dueAt: Date;
}

const NUDGE_TIMER: Record<NudgeKind, FollowThroughTimerKind> = {
  'not-booked': 'nudge-not-booked',
  'no-first-meeting': 'nudge-no-first-meeting',
  'cadence-overdue': 'nudge-cadence-overdue',
};

/** The nudge a nudge timer is for. */
export function nudgeKindOfTimer(kind: string): NudgeKind | null {
  const entry = Object.entries(NUDGE_TIMER).find(([, timer]) => timer === kind);
  return entry ? (entry[0] as NudgeKind) : null;
}

/** The start of the meeting booked on the case, if any. */
export function bookedMeetingStart(state: Pick<MentoringCase, 'meeting' | 'confirmedSlot'>): Date | null {
  const start = state.meeting?.start ?? state.confirmedSlot?.start;
  return start ? new Date(start) : null;
}

/**
 * Timers a transition needs besides the SLA's: a reminder per configured lead for a meeting just
 * booked or moved (leads already passed are skipped), and the nudges of a stall that begins or
 * moves. A stall that began in the past is looked at `now`, as its first timer may already have
 * fired while the pair still looked fine.
 */
export function followThroughTimers(before: MentoringCase | null, after: MentoringCase, policy: CasePolicy, now: Date): FollowThroughTimer[] {
  return [...reminderTimers(before, after, policy, now), ...stallTimers(before, after, policy, now)];
}

function reminderTimers(before: MentoringCase | null, after: MentoringCase, policy: CasePolicy, now: Date): FollowThroughTimer[] {
  const start = after.status === 'active' || after.status === 'matched' ? bookedMeetingStart(after) : null;
  const previous = before ? bookedMeetingStart(before) : null;
  if (!start || start.getTime() === previous?.getTime()) return [];
  return policy.meetingReminderLeadMinutes
    .map((lead) => new Date(start.getTime() - lead * MINUTE_MS))
    .filter((dueAt) => dueAt > now)
    .map((dueAt) => ({ kind: 'meeting-reminder' as const, dueAt }));
}

function stallTimers(before: MentoringCase | null, after: MentoringCase, policy: CasePolicy, now: Date): FollowThroughTimer[] {
  const wasDue = new Set((before ? stallDueTimes(before, policy) : []).map(timerKey));
  return stallDueTimes(after, policy)
    .filter((timer) => !wasDue.has(timerKey(timer)))
    .map((timer) => ({ kind: timer.kind, dueAt: timer.dueAt > now ? timer.dueAt : now }));
}

function stallDueTimes(state: MentoringCase, policy: CasePolicy): FollowThroughTimer[] {
  return (Object.keys(NUDGE_TIMER) as NudgeKind[]).flatMap((kind) => {
    const stall = stallOf(state, kind, policy);
    if (!stall) return [];
    const timers = [{ kind: NUDGE_TIMER[kind], dueAt: stall.dueAt }];
    if (stall.escalatesAt) timers.push({ kind: NUDGE_TIMER[kind], dueAt: stall.escalatesAt });
    return timers;
  });
}

function timerKey(timer: FollowThroughTimer): string {
  return `${timer.kind}@${timer.dueAt.getTime()}`;
}

interface Stall {
  /** What the stall is counted from: acceptance, the flag, the last attended meeting. */
  readonly since: Date;
  /** When the pair was due to act; `daysWaiting` counts from here. */
  readonly waitingFrom: Date;
  readonly dueAt: Date;
  /** When, still stalled, it goes to the coordinator (cadence only). */
  readonly escalatesAt: Date | null;
}

/**
 * Whether the pair is stalled in this way (ignoring time): accepted with nothing booked and no
 * meeting yet; no attended meeting since the flag; or, after a meeting, nothing booked (counted
 * from the last meeting, or from a new mentor's acceptance after it).
 */
export function stallOf(state: MentoringCase, kind: NudgeKind, policy: CasePolicy): Stall | null {
  const booked = bookedMeetingStart(state) !== null;
  const days = policy.nudges;
  switch (kind) {
    case 'not-booked':
      if (state.status !== 'active' || !state.acceptedAt || state.firstMeetingAt || booked) return null;
      return { since: state.acceptedAt, waitingFrom: state.acceptedAt, dueAt: plusDays(state.acceptedAt, days.notBookedDays), escalatesAt: null };
    case 'no-first-meeting':
      if (state.status === 'closed' || state.firstMeetingAt) return null;
      return { since: state.flaggedAt, waitingFrom: state.flaggedAt, dueAt: plusDays(state.flaggedAt, days.noFirstMeetingDays), escalatesAt: null };
    case 'cadence-overdue': {
      if (state.status !== 'active' || !state.lastMeetingAt || booked) return null;
      // A mentor who took the case on after its last meeting has the cadence from their acceptance.
      const since = state.acceptedAt && state.acceptedAt > state.lastMeetingAt ? state.acceptedAt : state.lastMeetingAt;
      const dueAt = plusDays(since, cadenceDays(state, policy));
      return { since, waitingFrom: dueAt, dueAt, escalatesAt: plusDays(dueAt, days.cadenceGraceDays) };
    }
  }
}

/**
 * Sends the nudge due now for a stalled pair, once per stall and audience. An overdue meeting
 * prompts the mentor first and, still overdue after the grace, the coordinator; a nudge that comes
 * due only after the grace goes to the coordinator alone. A nudge to the student counts as an
 * attempt to reach them.
 */
export function nudgeStalledPair<C extends MentoringCase>(current: C, kind: NudgeKind, now: Date, policy: CasePolicy): CaseTransition<C> {
  const stall = stallOf(current, kind, policy);
  if (!stall) fail(current, 'NOT_STALLED', `The pair is not stalled (${kind})`);
  if (now < stall.dueAt) fail(current, 'NUDGE_NOT_DUE', `The ${kind} nudge is not due yet`);
  const audience = audienceOf(kind, stall, now);
  const since = stall.since.toISOString();
  if (current.nudgesSent.some((sent) => sent.kind === kind && sent.audience === audience && sent.since === since)) {
    fail(current, 'NUDGE_ALREADY_SENT', `The ${kind} nudge has already gone to the ${audience}`);
  }
  const toStudent = audience === 'student-and-mentor';
  const daysWaiting = Math.max(0, Math.floor((now.getTime() - stall.waitingFrom.getTime()) / DAY_MS));
  return {
    state: {
      ...current,
      nudgesSent: [...current.nudgesSent, { kind, audience, since, sentAt: now.toISOString() }],
      contactAttempts: toStudent ? current.contactAttempts + 1 : current.contactAttempts,
    },
    changes: [{ kind: 'nudge-due', occurredAt: now, nudge: { kind, audience, daysWaiting } }],
  };
}

function audienceOf(kind: NudgeKind, stall: Stall, now: Date): NudgeAudience {
  if (kind === 'not-booked') return 'student-and-mentor';
  if (kind === 'no-first-meeting') return 'coordinator';
  return stall.escalatesAt && now >= stall.escalatesAt ? 'coordinator' : 'mentor';
}

/**
 * The reminder `leadMinutes` before the booked meeting, once per meeting time and lead. A reminder
 * for a meeting that has begun, moved (the lead no longer matches a configured one) or been
 * called off finds nothing to do; so does a late one when a shorter lead is due as well, which
 * says all there is to say.
 */
export function remindOfMeeting<C extends MentoringCase>(current: C, leadMinutes: number, now: Date, policy: CasePolicy): CaseTransition<C> {
  const meeting = current.meeting;
  if (!meeting || (current.status !== 'active' && current.status !== 'matched')) fail(current, 'NO_MEETING', 'No meeting is booked');
  const start = Date.parse(meeting.start);
  if (start <= now.getTime()) fail(current, 'MEETING_STARTED', 'The meeting has already begun');
  const leads = policy.meetingReminderLeadMinutes;
  if (!leads.includes(leadMinutes)) fail(current, 'REMINDER_NOT_PLANNED', `No reminder goes out ${leadMinutes} minutes ahead`);
  if (now.getTime() < start - leadMinutes * MINUTE_MS) fail(current, 'REMINDER_NOT_DUE', 'The reminder is not due yet');
  if (current.remindersSent.some((sent) => sent.meetingStart === meeting.start && sent.leadMinutes === leadMinutes)) {
    fail(current, 'REMINDER_ALREADY_SENT', 'This reminder has already gone out');
  }
  if (leads.some((lead) => lead < leadMinutes && now.getTime() >= start - lead * MINUTE_MS)) {
    fail(current, 'REMINDER_SUPERSEDED', 'A reminder closer to the meeting is due already');
  }
  // Reminders of meetings at other times are of no further use.
  const kept = current.remindersSent.filter((sent) => sent.meetingStart === meeting.start);
  return {
    state: { ...current, remindersSent: [...kept, { meetingStart: meeting.start, leadMinutes, sentAt: now.toISOString() }] },
    changes: [{ kind: 'meeting-reminder-due', occurredAt: now, leadMinutes, meeting }],
  };
}

/**
 * After an attended session with nothing booked next, the next meeting is proposed around when
 * the cadence says it is due: slots from the day before. Null when there is nothing to propose.
 */
export function nextMeetingSlotsFrom(state: MentoringCase, session: { outcome: SessionOutcome }, policy: CasePolicy): Date | null {
  if (session.outcome !== 'attended' || state.status !== 'active' || bookedMeetingStart(state)) return null;
  const due = nextMeetingDueAt(state, policy);
  return due && new Date(due.getTime() - DAY_MS);
}

/** The minutes ahead of `meetingStart` at which a reminder set for `scheduledFor` goes out. */
export function reminderLeadMinutes(meetingStart: Date, scheduledFor: Date): number {
  return Math.round((meetingStart.getTime() - scheduledFor.getTime()) / MINUTE_MS);
}

/** The assigned mentor tried to reach the student (a call, a message); no event, the history keeps it. */
export function recordContactAttempt<C extends MentoringCase>(current: C, mentorId: string): CaseTransition<C> {
  if (current.status !== 'active') fail(current, current.status === 'closed' ? 'CASE_CLOSED' : 'INVALID_STATUS', `Cannot record a contact attempt on a ${current.status} case`);
  if (current.mentorId !== mentorId) fail(current, 'NOT_ASSIGNED_MENTOR', 'Only the assigned mentor can record a contact attempt');
  return { state: { ...current, contactAttempts: current.contactAttempts + 1 }, changes: [] };
}

/** Closing as unreachable needs the configured number of unanswered attempts, so the outcome figures stay honest. */
export function assertUnreachable(current: MentoringCase, policy: CasePolicy): void {
  const needed = policy.unreachableAfterAttempts;
  if (current.contactAttempts < needed) {
    fail(current, 'OUTCOME_REQUIRES_CONTACT_ATTEMPTS', `A case closes as unreachable only after ${needed} unanswered attempts to reach the student (${current.contactAttempts} so far)`);
  }
}

function plusDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

function fail(current: MentoringCase, code: CaseErrorCode, message: string): never {
  throw new CaseTransitionError(code, current.id, message);
}
