import { CaseErrorCode, CaseTransitionError } from './case-errors';
import {
  acceptCase,
  adjustCadence,
  changePhase,
  closeCase,
  declineCase,
  expireSla,
  logSession,
  matchCase,
  openCase,
  proposeNewSlots,
  reassignAfterExpiry,
  reassignCase,
  remindMentor,
  SLA_EXPIRED_REASON,
  waitlistCase,
} from './case-transitions';
import { recordContactAttempt } from './follow-through';
import { confirmSlot } from './meetings';
import { DEFAULT_CASE_POLICY, MentoringCase } from './mentoring-case';

const flaggedAt = new Date('2025-10-20T08:00:00Z');
const at = (hoursAfterFlag: number) => new Date(flaggedAt.getTime() + hoursAfterFlag * 3_600_000);
const slots = [{ start: '2025-10-22T09:00:00.000Z', end: '2025-10-22T09:30:00.000Z' }];

function rejects(transition: () => unknown, code: CaseErrorCode): CaseTransitionError {
  try {
    transition();
  } catch (error) {
    expect(error).toBeInstanceOf(CaseTransitionError);
    expect((error as CaseTransitionError).code).toBe(code);
    return error as CaseTransitionError;
  }
  throw new Error(`expected ${code}`);
}

const opened = () => openCase({ id: 'case-1', studentId: 'student-1', flaggedAt }, at(0)).state;
const matched = () => matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: slots }, at(0)).state;
const active = () => acceptCase(matched(), 'mentor-a', at(2)).state;

describe('opening and matching', () => {
  it('opens in ice-breaking with nothing assigned', () => {
    const { state, changes } = openCase({ id: 'case-1', studentId: 'student-1', flaggedAt }, at(0.01));
    expect(state).toMatchObject({ status: 'open', phase: 'ice-breaking', mentorId: null, consecutiveMissed: 0 });
    expect(changes).toEqual([{ kind: 'opened', occurredAt: at(0.01) }]);
  });

  it('starts the SLA clock on match: deadline after 48 h, reminder at half time', () => {
    const { state, changes } = matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: slots }, at(0));
    expect(state).toMatchObject({ status: 'matched', mentorId: 'mentor-a', slaDeadline: at(48), slaReminderAt: at(24), proposedSlots: slots });
    expect(changes).toEqual([{ kind: 'matched', occurredAt: at(0), mentorId: 'mentor-a' }]);
  });

  it('takes the SLA from the policy', () => {
    const policy = { ...DEFAULT_CASE_POLICY, slaHours: 24 };
    const { state } = matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: [] }, at(0), policy);
    expect([state.slaReminderAt, state.slaDeadline]).toEqual([at(12), at(24)]);
  });

  it('never changes the state it was given', () => {
    const before = opened();
    const copy = structuredClone(before);
    matchCase(before, { mentorId: 'mentor-a', proposedSlots: slots }, at(0));
    expect(before).toEqual(copy);
  });

  it('keeps fields the caller added (an entity passes through unchanged)', () => {
    const entity = { ...opened(), riskLevel: 'at-risk' as const };
    expect(matchCase(entity, { mentorId: 'mentor-a', proposedSlots: [] }, at(0)).state.riskLevel).toBe('at-risk');
  });

  it('waitlists an open case without a mentor and tells the coordinator', () => {
    const { state, changes } = waitlistCase(opened(), at(0));
    expect(state.status).toBe('waitlisted');
    expect(changes.map((change) => change.kind)).toEqual(['waitlisted', 'escalated']);
    expect(changes[1]).toMatchObject({ escalationReason: 'no-eligible-mentor' });
    expect(matchCase(state, { mentorId: 'mentor-a', proposedSlots: [] }, at(30)).state.status).toBe('matched');
  });
});

describe('accept and decline', () => {
  it('activates the case on the assigned mentor’s acceptance, counting it as first contact', () => {
    const { state, changes } = acceptCase(matched(), 'mentor-a', at(3));
    expect(state).toMatchObject({ status: 'active', acceptedAt: at(3), firstContactAt: at(3), slaDeadline: null, slaReminderAt: null });
    expect(changes).toEqual([{ kind: 'accepted', occurredAt: at(3), mentorId: 'mentor-a' }]);
  });

  it('refuses acceptance by anyone but the assigned mentor', () => {
    expect(rejects(() => acceptCase(matched(), 'mentor-b', at(3)), 'NOT_ASSIGNED_MENTOR').category).toBe('forbidden');
  });

  it('refuses to accept a closed case', () => {
    const closed = closeCase(matched(), { outcome: 'improved', closedBy: 'system' }, at(5)).state;
    const error = rejects(() => acceptCase(closed, 'mentor-a', at(6)), 'CASE_CLOSED');
    expect(error).toMatchObject({ category: 'conflict', caseId: 'case-1' });
  });

  it('refuses to accept twice', () => {
    rejects(() => acceptCase(active(), 'mentor-a', at(4)), 'INVALID_STATUS');
  });

  it('returns a declined case to open and never offers it to that mentor again', () => {
    const { state, changes } = declineCase(matched(), { mentorId: 'mentor-a', reason: '  Full clinic week  ' }, at(5));
    expect(state).toMatchObject({ status: 'open', mentorId: null, previousMentorId: 'mentor-a', mentorsWhoLeft: ['mentor-a'], proposedSlots: [], slaDeadline: null });
    expect(changes).toEqual([{ kind: 'declined', occurredAt: at(5), mentorId: 'mentor-a', reason: 'Full clinic week' }]);
    rejects(() => matchCase(state, { mentorId: 'mentor-a', proposedSlots: [] }, at(6)), 'MENTOR_ALREADY_LEFT');
  });

  it('requires a reason to decline', () => {
    expect(rejects(() => declineCase(matched(), { mentorId: 'mentor-a', reason: ' ' }, at(5)), 'REASON_REQUIRED').category).toBe('invalid');
  });
});

describe('SLA', () => {
  it('reminds once, at half time', () => {
    rejects(() => remindMentor(matched(), at(23.9)), 'REMINDER_NOT_DUE');
    const { state, changes } = remindMentor(matched(), at(24));
    expect(state.reminderSentAt).toEqual(at(24));
    expect(changes).toEqual([{ kind: 'reminder-due', occurredAt: at(24), mentorId: 'mentor-a' }]);
    rejects(() => remindMentor(state, at(25)), 'REMINDER_ALREADY_SENT');
  });

  it('on expiry frees the case for re-matching and tells the coordinator', () => {
    rejects(() => expireSla(matched(), at(47.9)), 'SLA_NOT_EXPIRED');
    const { state, changes } = expireSla(matched(), at(48));
    expect(state).toMatchObject({ status: 'open', mentorId: null, mentorsWhoLeft: ['mentor-a'] });
    expect(changes).toEqual([{ kind: 'escalated', occurredAt: at(48), escalationReason: 'sla-expired', mentorId: 'mentor-a' }]);
    expect(matchCase(state, { mentorId: 'mentor-b', proposedSlots: [] }, at(48)).state.slaDeadline).toEqual(at(96));
  });

  it('makes a timer that fires after acceptance a refused no-op', () => {
    rejects(() => expireSla(active(), at(48)), 'INVALID_STATUS');
    rejects(() => remindMentor(active(), at(24)), 'INVALID_STATUS');
  });

  it('still takes a late acceptance that beats the expiry timer', () => {
    expect(acceptCase(matched(), 'mentor-a', at(49)).state.status).toBe('active');
  });
});

describe('reassignment', () => {
  it('moves the case to a new mentor, restarting the SLA and the relationship', () => {
    const structured = changePhase(active(), 'structured-engagement', at(100)).state;
    const { state, changes } = reassignCase(
      structured,
      { mentorId: 'mentor-b', reason: 'Student asked for another mentor', requestedBy: 'student', proposedSlots: slots },
      at(200),
    );
    expect(state).toMatchObject({ status: 'matched', mentorId: 'mentor-b', previousMentorId: 'mentor-a', phase: 'ice-breaking', slaDeadline: at(248), mentorsWhoLeft: ['mentor-a'] });
    expect(changes).toEqual([
      { kind: 'reassigned', occurredAt: at(200), previousMentorId: 'mentor-a', mentorId: 'mentor-b', reason: 'Student asked for another mentor', requestedBy: 'student' },
    ]);
  });

  it('waitlists when no other mentor is available, never dropping the case', () => {
    const { state, changes } = reassignCase(active(), { mentorId: null, reason: 'Mentor left', requestedBy: 'coordinator', proposedSlots: [] }, at(50));
    expect(state).toMatchObject({ status: 'waitlisted', mentorId: null });
    expect(changes.map((change) => change.kind)).toEqual(['reassigned', 'waitlisted', 'escalated']);
  });

  it('refuses a reassignment to the same mentor', () => {
    rejects(() => reassignCase(active(), { mentorId: 'mentor-a', reason: 'x', requestedBy: 'coordinator', proposedSlots: [] }, at(50)), 'SAME_MENTOR');
  });
});

describe('meetings and sessions', () => {
  it('confirms a future slot and refuses one in the past', () => {
    const { state, changes } = confirmSlot(active(), slots[0], at(3));
    expect(state.confirmedSlot).toEqual(slots[0]);
    expect(changes).toEqual([{ kind: 'slot-confirmed', occurredAt: at(3), slot: slots[0], meeting: expect.objectContaining({ sequence: 0, ...slots[0] }) }]);
    rejects(() => confirmSlot(active(), slots[0], at(60)), 'INVALID_SLOT');
    rejects(() => confirmSlot(active(), { start: slots[0].end, end: slots[0].start }, at(3)), 'INVALID_SLOT');
  });

  it('counts missed sessions in a row and escalates once when the threshold is reached', () => {
    let state: MentoringCase = active();
    const log = (outcome: 'attended' | 'missed' | 'cancelled', hours: number) => {
      const transition = logSession(state, { outcome, occurredAt: at(hours) }, at(hours + 1));
      state = transition.state;
      return transition.changes.map((change) => (change.kind === 'session-logged' ? `${outcome}:${change.consecutiveMissed}` : change.kind));
    };
    expect(log('missed', 50)).toEqual(['missed:1']);
    expect(log('cancelled', 60)).toEqual(['cancelled:1']);
    expect(log('missed', 70)).toEqual(['missed:2', 'escalated']);
    expect(log('missed', 80)).toEqual(['missed:3']);
    expect(log('attended', 90)).toEqual(['attended:0']);
    expect(state).toMatchObject({ firstMeetingAt: at(90), lastMeetingAt: at(90) });
  });

  it('keeps the earliest attended session as the first meeting when sessions are logged late', () => {
    const later = logSession(active(), { outcome: 'attended', occurredAt: at(100) }, at(101)).state;
    const earlier = logSession(later, { outcome: 'attended', occurredAt: at(60) }, at(102)).state;
    expect([earlier.firstMeetingAt, earlier.lastMeetingAt]).toEqual([at(60), at(100)]);
  });

  it('clears a confirmed slot and its meeting once it has begun, and keeps a future one', () => {
    const confirmed = confirmSlot(active(), slots[0], at(3)).state; // 22 Oct 09:00Z = 49 h after the flag
    expect(logSession(confirmed, { outcome: 'attended', occurredAt: at(49) }, at(50)).state).toMatchObject({ confirmedSlot: null, meeting: null });
    expect(logSession(confirmed, { outcome: 'attended', occurredAt: at(20) }, at(21)).state).toMatchObject({ confirmedSlot: slots[0], meeting: confirmed.meeting });
  });

  it('refuses sessions in the future or before acceptance', () => {
    rejects(() => logSession(active(), { outcome: 'attended', occurredAt: at(10) }, at(9)), 'SESSION_IN_FUTURE');
    rejects(() => logSession(matched(), { outcome: 'attended', occurredAt: at(1) }, at(2)), 'INVALID_STATUS');
  });
});

describe('phases and cadence', () => {
  it('moves one phase at a time, forward or back, resetting an agreed cadence', () => {
    const adjusted = adjustCadence(active(), 10).state;
    expect(adjusted.cadenceDaysOverride).toBe(10);
    const { state, changes } = changePhase(adjusted, 'structured-engagement', at(100));
    expect(state).toMatchObject({ phase: 'structured-engagement', cadenceDaysOverride: null });
    expect(changes).toEqual([{ kind: 'phase-changed', occurredAt: at(100), from: 'ice-breaking', to: 'structured-engagement' }]);
    const selfDirected = changePhase(state, 'self-directed', at(200)).state;
    expect(changePhase(selfDirected, 'structured-engagement', at(300)).state.phase).toBe('structured-engagement');
  });

  it('refuses to skip a phase or to stay put', () => {
    rejects(() => changePhase(active(), 'self-directed', at(100)), 'PHASE_SKIPPED');
    rejects(() => changePhase(active(), 'ice-breaking', at(100)), 'PHASE_UNCHANGED');
  });

  it('refuses an impossible cadence', () => {
    rejects(() => adjustCadence(active(), 0), 'INVALID_CADENCE');
    rejects(() => adjustCadence(active(), 2.5), 'INVALID_CADENCE');
  });
});

describe('closing', () => {
  it('records the outcome and who closed it, and stops the SLA clock', () => {
    const { state, changes } = closeCase(matched(), { outcome: 'declined-by-student', reason: 'Has a tutor already', closedBy: 'coordinator' }, at(10));
    expect(state).toMatchObject({ status: 'closed', outcome: 'declined-by-student', closedAt: at(10), slaDeadline: null });
    expect(changes).toEqual([
      { kind: 'closed', occurredAt: at(10), outcome: 'declined-by-student', mentorId: 'mentor-a', reason: 'Has a tutor already', referredTo: null, closedBy: 'coordinator' },
    ]);
  });

  it('closes as referred only with where the student was referred to', () => {
    rejects(() => closeCase(active(), { outcome: 'referred', closedBy: 'mentor' }, at(10)), 'REFERRAL_REQUIRED');
    rejects(() => closeCase(active(), { outcome: 'referred', referredTo: '  ', closedBy: 'mentor' }, at(10)), 'REFERRAL_REQUIRED');
    const [closed] = closeCase(active(), { outcome: 'referred', referredTo: ' Student counselling ', closedBy: 'mentor' }, at(10)).changes;
    expect(closed).toMatchObject({ outcome: 'referred', referredTo: 'Student counselling', closedBy: 'mentor' });
    const [improved] = closeCase(active(), { outcome: 'improved', referredTo: 'ignored', closedBy: 'system' }, at(10)).changes;
    expect(improved).toMatchObject({ referredTo: null });
  });

  it('closes as unreachable only after three unanswered attempts: the introduction, student nudges and the mentor’s own', () => {
    // Acceptance sent the introduction: one attempt.
    expect(active().contactAttempts).toBe(1);
    rejects(() => closeCase(active(), { outcome: 'unreachable', closedBy: 'mentor' }, at(10)), 'OUTCOME_REQUIRES_CONTACT_ATTEMPTS');
    const twice = recordContactAttempt(active(), 'mentor-a').state;
    rejects(() => closeCase(twice, { outcome: 'unreachable', closedBy: 'mentor' }, at(10)), 'OUTCOME_REQUIRES_CONTACT_ATTEMPTS');
    const thrice = recordContactAttempt(twice, 'mentor-a').state;
    expect(closeCase(thrice, { outcome: 'unreachable', closedBy: 'mentor' }, at(10)).state.outcome).toBe('unreachable');
  });

  it('starts counting attempts again when the student answers (books a time or meets)', () => {
    const thrice = recordContactAttempt(recordContactAttempt(active(), 'mentor-a').state, 'mentor-a').state;
    expect(confirmSlot(thrice, slots[0], at(3)).state.contactAttempts).toBe(0);
    expect(logSession(thrice, { outcome: 'attended', occurredAt: at(4) }, at(5)).state.contactAttempts).toBe(0);
    expect(logSession(thrice, { outcome: 'missed', occurredAt: at(4) }, at(5)).state.contactAttempts).toBe(3);
  });

  it('lets only the assigned mentor of an active case record a contact attempt', () => {
    rejects(() => recordContactAttempt(active(), 'mentor-b'), 'NOT_ASSIGNED_MENTOR');
    rejects(() => recordContactAttempt(matched(), 'mentor-a'), 'INVALID_STATUS');
    expect(recordContactAttempt(active(), 'mentor-a').changes).toEqual([]);
  });

  it('leaves the missed-session count as it was: a closed case’s streak simply stops counting', () => {
    const missed = logSession(active(), { outcome: 'missed', occurredAt: at(4) }, at(5)).state;
    const { state, changes } = closeCase(missed, { outcome: 'declined-by-student', closedBy: 'student' }, at(6));
    expect(state.consecutiveMissed).toBe(1);
    expect(changes.map((change) => change.kind)).toEqual(['closed']);
  });

  it('closes as met only after an attended meeting', () => {
    rejects(() => closeCase(active(), { outcome: 'met', closedBy: 'mentor' }, at(10)), 'OUTCOME_REQUIRES_MEETING');
    const met = logSession(active(), { outcome: 'attended', occurredAt: at(30) }, at(31)).state;
    expect(closeCase(met, { outcome: 'met', closedBy: 'mentor' }, at(40)).state.outcome).toBe('met');
  });

  it('refuses to close twice', () => {
    rejects(() => closeCase(closeCase(opened(), { outcome: 'improved', closedBy: 'system' }, at(1)).state, { outcome: 'improved', closedBy: 'system' }, at(2)), 'CASE_CLOSED');
  });
});

describe('passing a case on after an SLA expiry', () => {
  const expired = () => expireSla(matched(), at(48)).state;

  it('offers the case to the next mentor as a reassignment from the one who let it lapse', () => {
    const { state, changes } = reassignAfterExpiry(expired(), { mentorId: 'mentor-b', proposedSlots: slots }, at(48));
    expect(state).toMatchObject({ status: 'matched', mentorId: 'mentor-b', previousMentorId: 'mentor-a', slaDeadline: at(96) });
    expect(changes).toEqual([
      { kind: 'reassigned', occurredAt: at(48), previousMentorId: 'mentor-a', mentorId: 'mentor-b', reason: SLA_EXPIRED_REASON, requestedBy: 'system' },
    ]);
  });

  it('refuses a case nobody left, and the mentor who let it lapse', () => {
    rejects(() => reassignAfterExpiry(opened(), { mentorId: 'mentor-b', proposedSlots: [] }, at(1)), 'INVALID_STATUS');
    rejects(() => reassignAfterExpiry(expired(), { mentorId: 'mentor-a', proposedSlots: [] }, at(49)), 'MENTOR_ALREADY_LEFT');
  });
});

describe('proposing new slots', () => {
  const later = [{ start: '2025-10-23T15:00:00.000Z', end: '2025-10-23T15:30:00.000Z' }];

  it('replaces the slots on offer and says so', () => {
    expect(proposeNewSlots(matched(), later, at(1))).toEqual({ state: { ...matched(), proposedSlots: later }, changes: [{ kind: 'slots-proposed', occurredAt: at(1) }] });
  });

  it('refuses slots in the past and cases without a mentor', () => {
    rejects(() => proposeNewSlots(active(), [{ start: at(1).toISOString(), end: at(2).toISOString() }], at(3)), 'INVALID_SLOT');
    rejects(() => proposeNewSlots(opened(), later, at(1)), 'INVALID_STATUS');
  });
});
