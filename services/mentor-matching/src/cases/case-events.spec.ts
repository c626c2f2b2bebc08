import { CaseEventV1, validatePayload } from '@mentoring/contracts';
import { caseEventData, caseEventEnvelope, Participants } from './case-events';
import type { CaseRecord } from './case-record';
import {
  acceptCase,
  CaseChange,
  closeCase,
  confirmSlot,
  declineCase,
  DEFAULT_CASE_POLICY,
  logSession,
  matchCase,
  nudgeStalledPair,
  openCase,
  reassignCase,
  remindOfMeeting,
} from './domain';

const at = (hour: number) => new Date(Date.UTC(2025, 9, 20, hour));
const slot = { start: '2025-10-22T09:00:00.000Z', end: '2025-10-22T09:30:00.000Z', fit: 'preferred' };

const context = {
  program: 'MBBS',
  yearOfStudy: 2,
  riskLevel: 'at-risk' as const,
  riskReasons: [{ code: 'low-mean', value: 62, threshold: 70, gradeIds: ['g1'], summary: 'Mean below 70%' }],
  weakCourses: ['ANAT101'],
  openedFor: 'risk-flag' as const,
  studentNote: null,
  triggerEventId: 'risk-event-1',
  correlationId: 'correlation-1',
};

const participants: Participants = {
  student: (id) => ({ id, displayName: 'Amina', email: 'amina@example.edu', timeZone: 'Asia/Karachi' }),
  mentor: (id) => ({ id, displayName: `Dr ${id}`, email: null, timeZone: 'Asia/Dubai' }),
};

const opened = (): CaseRecord => ({ ...openCase({ id: 'case-1', studentId: 'student-1', flaggedAt: at(8) }, at(8)).state, ...context });
const matched = () => matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: [slot] }, at(9)).state;
const active = () => acceptCase(matched(), 'mentor-a', at(10)).state;

function valid(event: CaseEventV1): CaseEventV1 {
  const result = validatePayload(CaseEventV1, event);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return event;
}

describe('case events', () => {
  it('a match names both people, the slots without their fit, the SLA deadline and the context', () => {
    const { state, changes } = matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: [slot] }, at(9));
    const event = valid(caseEventData(state, changes[0], participants));
    expect(event).toMatchObject({
      kind: 'matched',
      status: 'matched',
      mentor: { id: 'mentor-a', displayName: 'Dr mentor-a' },
      student: { id: 'student-1', displayName: 'Amina' },
      proposedSlots: [{ start: slot.start, end: slot.end }],
      slaDeadline: '2025-10-22T09:00:00.000Z',
      reasons: context.riskReasons,
      weakCourses: ['ANAT101'],
    });
    expect(event.proposedSlots[0]).not.toHaveProperty('fit');
  });

  it('a decline names the mentor who declined, and the reason', () => {
    const { state, changes } = declineCase(matched(), { mentorId: 'mentor-a', reason: 'On call this week' }, at(10));
    expect(valid(caseEventData(state, changes[0], participants))).toMatchObject({
      kind: 'declined',
      status: 'open',
      mentor: { id: 'mentor-a' },
      reason: 'On call this week',
      proposedSlots: [],
    });
  });

  it('a reassignment names the previous mentor too', () => {
    const { state, changes } = reassignCase(active(), { mentorId: 'mentor-b', reason: 'Student asked', requestedBy: 'student', proposedSlots: [] }, at(11));
    expect(valid(caseEventData(state, changes[0], participants))).toMatchObject({
      kind: 'reassigned',
      mentor: { id: 'mentor-b' },
      previousMentor: { id: 'mentor-a' },
    });
  });

  it('a missed session carries the run of misses, and the escalation that follows says why', () => {
    const { state, changes } = logSession({ ...active(), consecutiveMissed: 1 }, { outcome: 'missed', occurredAt: at(11) }, at(12));
    const [logged, escalated] = changes.map((change: CaseChange) => valid(caseEventData(state, change, participants)));
    expect(logged.session).toEqual({ outcome: 'missed', occurredAt: at(11).toISOString(), consecutiveMissed: 2 });
    expect(escalated).toMatchObject({ kind: 'escalated', escalationReason: 'repeated-missed-sessions', mentor: { id: 'mentor-a' } });
  });

  it('a closure carries the outcome and who closed it, and a referral where to', () => {
    const { state, changes } = closeCase(active(), { outcome: 'improved', closedBy: 'system' }, at(12));
    expect(valid(caseEventData(state, changes[0], participants))).toMatchObject({ kind: 'closed', status: 'closed', outcome: 'improved', closedBy: 'system', referredTo: null });
    const referred = closeCase(active(), { outcome: 'referred', referredTo: 'Student counselling', closedBy: 'mentor' }, at(12));
    expect(valid(caseEventData(referred.state, referred.changes[0], participants))).toMatchObject({ outcome: 'referred', referredTo: 'Student counselling', closedBy: 'mentor' });
  });

  it('a meeting reminder carries its lead and the meeting; a nudge says how the pair stalled and who is to act', () => {
    const booked = confirmSlot(active(), { start: at(100).toISOString(), end: at(101).toISOString() }, at(11)).state;
    const reminded = remindOfMeeting(booked, 60, at(99), DEFAULT_CASE_POLICY);
    expect(valid(caseEventData(reminded.state, reminded.changes[0], participants))).toMatchObject({
      kind: 'meeting-reminder-due',
      reminder: { leadMinutes: 60 },
      meeting: { uid: booked.meeting?.uid, sequence: 0, start: at(100).toISOString(), mode: 'in-person' },
      nudge: null,
    });
    const nudged = nudgeStalledPair(active(), 'not-booked', at(82), DEFAULT_CASE_POLICY);
    expect(valid(caseEventData(nudged.state, nudged.changes[0], participants))).toMatchObject({
      kind: 'nudge-due',
      mentor: { id: 'mentor-a' },
      nudge: { kind: 'not-booked', audience: 'student-and-mentor', daysWaiting: 3 },
      reminder: null,
    });
  });

  it('is keyed by the student and carries the cause’s correlation id', () => {
    const { state, changes } = matchCase(opened(), { mentorId: 'mentor-a', proposedSlots: [] }, at(9));
    const envelope = caseEventEnvelope(state, changes[0], participants, { eventId: 'risk-event-1', correlationId: 'correlation-1' });
    expect(envelope).toMatchObject({
      type: 'mentoring.case-matched.v1',
      source: 'mentor-matching',
      subject: 'student-1',
      correlationId: 'correlation-1',
      causationId: 'risk-event-1',
    });
  });
});
