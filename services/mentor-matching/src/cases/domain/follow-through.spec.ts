import { CaseErrorCode, CaseTransitionError } from './case-errors';
import { caseEffects } from './case-effects';
import { acceptCase, closeCase, logSession, matchCase, openCase, reassignCase } from './case-transitions';
import { followThroughTimers, nextMeetingSlotsFrom, nudgeKindOfTimer, nudgeStalledPair, reminderLeadMinutes, remindOfMeeting } from './follow-through';
import { cancelMeeting, confirmSlot } from './meetings';
import { CasePolicy, CaseTransition, DEFAULT_CASE_POLICY, MentoringCase } from './mentoring-case';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const flaggedAt = new Date('2025-10-20T08:00:00Z');
const at = (hours: number) => new Date(flaggedAt.getTime() + hours * HOUR);
const slotAt = (hours: number) => ({ start: at(hours).toISOString(), end: at(hours + 0.5).toISOString() });
const policy = DEFAULT_CASE_POLICY;

function rejects(transition: () => unknown, code: CaseErrorCode): void {
  try {
    transition();
  } catch (error) {
    expect(error).toBeInstanceOf(CaseTransitionError);
    expect((error as CaseTransitionError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

const opened = () => openCase({ id: 'case-1', studentId: 'student-1', flaggedAt }, at(0)).state;
const matched = () => matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: [slotAt(50)] }, at(0)).state;
/** Accepted two hours after the flag. */
const active = () => acceptCase(matched(), 'mentor-a', at(2)).state;
/** A meeting booked at hour 3 for hour 100. */
const booked = () => confirmSlot(active(), slotAt(100), at(3)).state;

const timersOf = (before: MentoringCase, transition: CaseTransition, now: Date, withPolicy: CasePolicy = policy) =>
  caseEffects(before, transition, withPolicy, now).timers.filter((timer) => timer.kind !== 'sla-reminder' && timer.kind !== 'sla-expiry');

describe('meeting reminders', () => {
  it('are set for each lead before a meeting just booked', () => {
    const before = active();
    expect(timersOf(before, confirmSlot(before, slotAt(100), at(3)), at(3))).toEqual([
      { kind: 'meeting-reminder', dueAt: at(100 - 24) },
      { kind: 'meeting-reminder', dueAt: at(100 - 1) },
    ]);
  });

  it('skip a lead that has already passed when the meeting is booked, and follow the configured leads', () => {
    const before = active();
    expect(timersOf(before, confirmSlot(before, slotAt(10), at(3)), at(3))).toEqual([{ kind: 'meeting-reminder', dueAt: at(9) }]);
    const custom = { ...policy, meetingReminderLeadMinutes: [48 * 60, 30] };
    expect(timersOf(before, confirmSlot(before, slotAt(100), at(3)), at(3), custom)).toEqual([
      { kind: 'meeting-reminder', dueAt: at(52) },
      { kind: 'meeting-reminder', dueAt: at(99.5) },
    ]);
  });

  it('are set again for a meeting moved to another time, but not for one whose time stays', () => {
    const before = booked();
    expect(timersOf(before, confirmSlot(before, slotAt(120), at(5)), at(5)).map((timer) => timer.dueAt)).toEqual([at(96), at(119)]);
    const placeOnly = confirmSlot(before, { start: slotAt(100).start, end: at(101).toISOString() }, at(5));
    expect(timersOf(before, placeOnly, at(5))).toEqual([]);
  });

  it('go out once each, with the lead and the meeting as a calendar entry', () => {
    const { state, changes } = remindOfMeeting(booked(), 24 * 60, at(76), policy);
    expect(changes).toEqual([{ kind: 'meeting-reminder-due', occurredAt: at(76), leadMinutes: 1440, meeting: booked().meeting }]);
    expect(state.remindersSent).toEqual([{ meetingStart: slotAt(100).start, leadMinutes: 1440, sentAt: at(76).toISOString() }]);
    rejects(() => remindOfMeeting(state, 24 * 60, at(76.1), policy), 'REMINDER_ALREADY_SENT');
    const hourBefore = remindOfMeeting(state, 60, at(99), policy);
    expect(hourBefore.changes.map((change) => change.kind)).toEqual(['meeting-reminder-due']);
    rejects(() => remindOfMeeting(hourBefore.state, 60, at(99), policy), 'REMINDER_ALREADY_SENT');
  });

  it('find nothing to do for a meeting moved, cancelled or already begun', () => {
    const moved = confirmSlot(booked(), slotAt(130), at(5)).state;
    // The old 24-hour timer (hour 76) measured against the moved meeting is 54 hours ahead: no such reminder.
    rejects(() => remindOfMeeting(moved, reminderLeadMinutes(at(130), at(76)), at(76), policy), 'REMINDER_NOT_PLANNED');
    const cancelled = cancelMeeting(booked(), { reason: 'Clash' }, at(5)).state;
    rejects(() => remindOfMeeting(cancelled, 60, at(99), policy), 'NO_MEETING');
    rejects(() => remindOfMeeting(booked(), 60, at(100), policy), 'MEETING_STARTED');
    const held = logSession(booked(), { outcome: 'attended', occurredAt: at(100) }, at(101)).state;
    rejects(() => remindOfMeeting(held, 60, at(101), policy), 'NO_MEETING');
  });

  it('are not sent early, and a late one gives way to a closer one that is due as well', () => {
    rejects(() => remindOfMeeting(booked(), 60, at(98), policy), 'REMINDER_NOT_DUE');
    rejects(() => remindOfMeeting(booked(), 24 * 60, at(99.5), policy), 'REMINDER_SUPERSEDED');
    expect(remindOfMeeting(booked(), 60, at(99.5), policy).changes).toHaveLength(1);
  });

  it('go out again for a meeting moved to a new time, and forget those of the old time', () => {
    const sent = remindOfMeeting(booked(), 24 * 60, at(76), policy).state;
    const moved = confirmSlot(sent, slotAt(120), at(80)).state;
    const { state } = remindOfMeeting(moved, 24 * 60, at(96), policy);
    expect(state.remindersSent).toEqual([{ meetingStart: slotAt(120).start, leadMinutes: 1440, sentAt: at(96).toISOString() }]);
  });

  it('count the lead back from the meeting to the instant the timer was set for', () => {
    expect(reminderLeadMinutes(at(100), at(76))).toBe(1440);
    expect(reminderLeadMinutes(at(100), at(99))).toBe(60);
  });
});

describe('nudges for a pair with nothing booked after acceptance', () => {
  it('are timed three days after acceptance', () => {
    const before = matched();
    expect(timersOf(before, acceptCase(before, 'mentor-a', at(2)), at(2))).toEqual([{ kind: 'nudge-not-booked', dueAt: at(2 + 72) }]);
    expect(nudgeKindOfTimer('nudge-not-booked')).toBe('not-booked');
    expect(nudgeKindOfTimer('sla-expiry')).toBeNull();
  });

  it('go to the student and the mentor once, and count as an attempt to reach the student', () => {
    const { state, changes } = nudgeStalledPair(active(), 'not-booked', at(74), policy);
    expect(changes).toEqual([{ kind: 'nudge-due', occurredAt: at(74), nudge: { kind: 'not-booked', audience: 'student-and-mentor', daysWaiting: 3 } }]);
    expect(state.contactAttempts).toBe(active().contactAttempts + 1);
    rejects(() => nudgeStalledPair(state, 'not-booked', at(80), policy), 'NUDGE_ALREADY_SENT');
  });

  it('are not sent early, nor once a time is booked or the pair has met', () => {
    rejects(() => nudgeStalledPair(active(), 'not-booked', at(73), policy), 'NUDGE_NOT_DUE');
    rejects(() => nudgeStalledPair(booked(), 'not-booked', at(74), policy), 'NOT_STALLED');
    const met = logSession(active(), { outcome: 'attended', occurredAt: at(20) }, at(21)).state;
    rejects(() => nudgeStalledPair(met, 'not-booked', at(74), policy), 'NOT_STALLED');
  });

  it('are looked at again at once when the only booking is cancelled after the nudge was due', () => {
    const before = booked();
    expect(timersOf(before, cancelMeeting(before, { reason: null }, at(80)), at(80))).toEqual([{ kind: 'nudge-not-booked', dueAt: at(80) }]);
    const cancelled = cancelMeeting(before, { reason: null }, at(80)).state;
    expect(nudgeStalledPair(cancelled, 'not-booked', at(80), policy).changes).toHaveLength(1);
  });
});

describe('telling the coordinator of no first meeting', () => {
  it('is timed fourteen days after the flag, from the moment the case opens', () => {
    expect(followThroughTimers(null, opened(), policy, at(0))).toEqual([{ kind: 'nudge-no-first-meeting', dueAt: at(14 * 24) }]);
  });

  it('happens once, whatever the status, and not after a first attended meeting or a close', () => {
    const { state, changes } = nudgeStalledPair(matched(), 'no-first-meeting', at(14 * 24), policy);
    expect(changes).toEqual([{ kind: 'nudge-due', occurredAt: at(336), nudge: { kind: 'no-first-meeting', audience: 'coordinator', daysWaiting: 14 } }]);
    expect(state.contactAttempts).toBe(matched().contactAttempts);
    rejects(() => nudgeStalledPair(state, 'no-first-meeting', at(340), policy), 'NUDGE_ALREADY_SENT');
    const met = logSession(active(), { outcome: 'attended', occurredAt: at(100) }, at(101)).state;
    rejects(() => nudgeStalledPair(met, 'no-first-meeting', at(336), policy), 'NOT_STALLED');
    const closed = closeCase(active(), { outcome: 'declined-by-student', closedBy: 'student' }, at(5)).state;
    rejects(() => nudgeStalledPair(closed, 'no-first-meeting', at(336), policy), 'NOT_STALLED');
  });
});

describe('nudges for a next meeting overdue against the cadence', () => {
  // Met at hour 100, ice-breaking: the next meeting is due 7 days later.
  const met = () => logSession(booked(), { outcome: 'attended', occurredAt: at(100) }, at(101)).state;
  const due = 100 + 7 * 24;

  it('are timed at the cadence for the mentor and a grace later for the coordinator', () => {
    const before = booked();
    const timers = timersOf(before, logSession(before, { outcome: 'attended', occurredAt: at(100) }, at(101)), at(101));
    expect(timers).toEqual([
      { kind: 'nudge-cadence-overdue', dueAt: at(due) },
      { kind: 'nudge-cadence-overdue', dueAt: at(due + 7 * 24) },
    ]);
  });

  it('prompt the mentor, then the coordinator, each once', () => {
    const mentor = nudgeStalledPair(met(), 'cadence-overdue', at(due), policy);
    expect(mentor.changes).toEqual([{ kind: 'nudge-due', occurredAt: at(due), nudge: { kind: 'cadence-overdue', audience: 'mentor', daysWaiting: 0 } }]);
    rejects(() => nudgeStalledPair(mentor.state, 'cadence-overdue', at(due + 1), policy), 'NUDGE_ALREADY_SENT');
    const coordinator = nudgeStalledPair(mentor.state, 'cadence-overdue', at(due + 7 * 24), policy);
    expect(coordinator.changes).toEqual([
      { kind: 'nudge-due', occurredAt: at(due + 168), nudge: { kind: 'cadence-overdue', audience: 'coordinator', daysWaiting: 7 } },
    ]);
    rejects(() => nudgeStalledPair(coordinator.state, 'cadence-overdue', at(due + 200), policy), 'NUDGE_ALREADY_SENT');
  });

  it('go to the coordinator alone when first looked at after the grace', () => {
    const late = nudgeStalledPair(met(), 'cadence-overdue', at(due + 8 * 24), policy);
    expect(late.changes).toEqual([expect.objectContaining({ nudge: { kind: 'cadence-overdue', audience: 'coordinator', daysWaiting: 8 } })]);
    rejects(() => nudgeStalledPair(late.state, 'cadence-overdue', at(due + 8 * 24), policy), 'NUDGE_ALREADY_SENT');
  });

  it('follow an agreed cadence, and stop once the next meeting is booked', () => {
    const agreed = { ...met(), cadenceDaysOverride: 3 };
    expect(nudgeStalledPair(agreed, 'cadence-overdue', at(100 + 72), policy).changes).toHaveLength(1);
    rejects(() => nudgeStalledPair(met(), 'cadence-overdue', at(100 + 72), policy), 'NUDGE_NOT_DUE');
    const next = confirmSlot(met(), slotAt(due + 10), at(110)).state;
    rejects(() => nudgeStalledPair(next, 'cadence-overdue', at(due), policy), 'NOT_STALLED');
  });

  it('start over after the next attended meeting', () => {
    const nudged = nudgeStalledPair(met(), 'cadence-overdue', at(due), policy).state;
    const again = logSession(nudged, { outcome: 'attended', occurredAt: at(due + 1) }, at(due + 2)).state;
    expect(nudgeStalledPair(again, 'cadence-overdue', at(due + 1 + 168), policy).changes).toHaveLength(1);
  });

  it('give a mentor who takes the case on after its last meeting the cadence from their acceptance', () => {
    const handedOn = reassignCase(met(), { mentorId: 'mentor-b', reason: 'Moved away', requestedBy: 'coordinator', proposedSlots: [] }, at(200), policy).state;
    const before = handedOn;
    const accepting = acceptCase(before, 'mentor-b', at(400));
    expect(timersOf(before, accepting, at(400))).toEqual([
      { kind: 'nudge-cadence-overdue', dueAt: at(400 + 168) },
      { kind: 'nudge-cadence-overdue', dueAt: at(400 + 336) },
    ]);
    rejects(() => nudgeStalledPair(accepting.state, 'cadence-overdue', at(401), policy), 'NUDGE_NOT_DUE');
  });

  it('are counted in whole days the meeting is overdue', () => {
    const { changes } = nudgeStalledPair(met(), 'cadence-overdue', new Date(at(due).getTime() + 2.5 * DAY), policy);
    expect(changes[0]).toMatchObject({ nudge: { daysWaiting: 2 } });
  });
});

describe('proposing the next meeting after a session', () => {
  const attended = { outcome: 'attended' as const };

  it('looks for times from the day before the cadence says the next meeting is due', () => {
    const met = logSession(booked(), { outcome: 'attended', occurredAt: at(100) }, at(101)).state;
    expect(nextMeetingSlotsFrom(met, attended, policy)).toEqual(at(100 + 6 * 24));
    expect(nextMeetingSlotsFrom({ ...met, phase: 'structured-engagement' }, attended, policy)).toEqual(at(100 + 13 * 24));
    expect(nextMeetingSlotsFrom({ ...met, cadenceDaysOverride: 3 }, attended, policy)).toEqual(at(100 + 2 * 24));
  });

  it('proposes nothing after a missed session, or when the next meeting is already booked', () => {
    const missed = logSession(booked(), { outcome: 'missed', occurredAt: at(100) }, at(101)).state;
    expect(nextMeetingSlotsFrom(missed, { outcome: 'missed' }, policy)).toBeNull();
    const early = logSession(booked(), { outcome: 'attended', occurredAt: at(20) }, at(21)).state;
    expect(early.meeting).not.toBeNull();
    expect(nextMeetingSlotsFrom(early, attended, policy)).toBeNull();
  });
});
