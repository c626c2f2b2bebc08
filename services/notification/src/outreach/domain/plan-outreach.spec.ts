import type { CaseEventV1 } from '@mentoring/contracts';
import { OutreachError } from './outreach-errors';
import { planOutreach } from './plan-outreach';
import type { PlannedMessage } from './planned-message';
import { caseEvent, COORDINATORS, envelopeOf, MENTORS, outreachContext, slots, STUDENTS } from './testing/realistic-cases';

const student = STUDENTS[0];
const mentor = MENTORS[0];
const previousMentor = MENTORS[1];
const offered = slots(3);
const confirmedSlot = offered[1];
const meeting = { uid: 'case-0-meeting-1@mentoring.example.edu', sequence: 1, ...confirmedSlot, mode: 'in-person' as const, location: 'Room 2.14' };

function plan(overrides: Partial<CaseEventV1>, context = outreachContext()): PlannedMessage[] {
  return planOutreach(envelopeOf(caseEvent({ student, mentor, proposedSlots: offered, ...overrides })), context);
}

function sent(messages: PlannedMessage[]): string[] {
  return messages.map((message) => `${message.template} -> ${message.recipient.role} ${message.recipient.id}`);
}

/** The claims a test link carries, decoded from its token. */
function claimsOf(url: string): Record<string, string> {
  const token = new URL(url).searchParams.get('token') ?? '';
  return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
}

describe('planOutreach', () => {
  it.each([
    ['opened', {}, []],
    ['matched', {}, ['mentor-new-case -> mentor M-201']],
    ['waitlisted', { status: 'waitlisted', mentor: null }, ['student-waitlisted -> student S-1001']],
    ['accepted', { status: 'active' }, ['student-first-contact -> student S-1001']],
    ['accepted', { status: 'active', previousMentor }, ['student-new-mentor -> student S-1001']],
    ['declined', {}, []],
    ['reassigned', { previousMentor }, ['mentor-case-reassigned -> mentor M-202', 'mentor-new-case -> mentor M-201']],
    ['reassigned', { previousMentor, mentor: null, status: 'waitlisted' }, ['mentor-case-reassigned -> mentor M-202']],
    ['slot-confirmed', { status: 'active', confirmedSlot }, ['student-slot-confirmed -> student S-1001', 'mentor-session-booked -> mentor M-201']],
    ['reminder-due', { status: 'active', confirmedSlot }, ['student-meeting-reminder -> student S-1001', 'mentor-session-reminder -> mentor M-201']],
    ['reminder-due', { status: 'matched' }, ['mentor-sla-reminder -> mentor M-201']],
    ['reminder-due', { status: 'active' }, []],
    ['phase-changed', { status: 'active', phase: 'structured-engagement' }, ['student-phase-structured-engagement -> student S-1001']],
    ['phase-changed', { status: 'active', phase: 'self-directed' }, ['student-phase-self-directed -> student S-1001']],
    ['session-logged', { session: { outcome: 'missed', occurredAt: '2026-10-13T06:30:00Z', consecutiveMissed: 1 } }, ['student-missed-session -> student S-1001']],
    ['session-logged', { session: { outcome: 'attended', occurredAt: '2026-10-13T06:30:00Z', consecutiveMissed: 0 } }, []],
    ['escalated', { escalationReason: 'no-eligible-mentor', mentor: null }, COORDINATORS.map((c) => `coordinator-escalation-no-eligible-mentor -> coordinator ${c.id}`)],
    ['closed', { status: 'closed', outcome: 'improved' }, ['student-kudos -> student S-1001']],
    ['closed', { status: 'closed', outcome: 'declined-by-student' }, []],
    ['progress-noted', { status: 'active' }, ['student-kudos -> student S-1001', 'mentor-student-progress -> mentor M-201']],
    ['closed', { status: 'closed', outcome: 'referred', closedBy: 'mentor', referredTo: 'Counselling' }, COORDINATORS.map((c) => `coordinator-case-closed -> coordinator ${c.id}`)],
    ['closed', { status: 'closed', outcome: 'improved', closedBy: 'mentor' }, ['student-kudos -> student S-1001', ...COORDINATORS.map((c) => `coordinator-case-closed -> coordinator ${c.id}`)]],
    ['closed', { status: 'closed', outcome: 'met', closedBy: 'coordinator' }, []],
    ['slots-proposed', { status: 'active' }, ['student-next-meeting -> student S-1001']],
    ['meeting-cancelled', { status: 'active', meeting }, ['student-meeting-cancelled -> student S-1001', 'mentor-meeting-cancelled -> mentor M-201']],
    ['meeting-reminder-due', { status: 'active', meeting, reminder: { leadMinutes: 60 } }, ['student-meeting-reminder -> student S-1001', 'mentor-session-reminder -> mentor M-201']],
    ['nudge-due', { status: 'active', nudge: { kind: 'not-booked', audience: 'student-and-mentor', daysWaiting: 3 } }, ['student-next-meeting -> student S-1001', 'mentor-nudge -> mentor M-201']],
    ['nudge-due', { status: 'active', nudge: { kind: 'cadence-overdue', audience: 'mentor', daysWaiting: 2 } }, ['mentor-nudge -> mentor M-201']],
    ['nudge-due', { status: 'active', nudge: { kind: 'no-first-meeting', audience: 'coordinator', daysWaiting: 14 } }, COORDINATORS.map((c) => `coordinator-nudge -> coordinator ${c.id}`)],
    ['nudge-due', { status: 'active', nudge: { kind: 'cadence-overdue', audience: 'coordinator', daysWaiting: 9 } }, COORDINATORS.map((c) => `coordinator-nudge -> coordinator ${c.id}`)],
  ] as [CaseEventV1['kind'], Partial<CaseEventV1>, string[]][])('%s %j tells %j', (kind, overrides, expected) => {
    expect(sent(plan({ kind, ...overrides }))).toEqual(expected);
  });

  it('introduces the mentor with every offered slot, each a link bound to the student, the case and the slot', () => {
    const [message] = plan({ kind: 'accepted', status: 'active' });
    if (message.template !== 'student-first-contact') throw new Error(`unexpected ${message.template}`);
    expect(message.variables.mentorName).toBe(mentor.displayName);
    expect(message.variables.slots.map((slot) => slot.time)).toEqual(offered.map((slot) => ({ ...slot, timeZone: student.timeZone })));
    expect(message.variables.slots.map((slot) => claimsOf(slot.pickUrl))).toEqual(
      offered.map((slot) => ({ action: 'pick-slot', recipientId: student.id, caseId: 'case-0', slotStart: slot.start })),
    );
    expect(claimsOf(message.variables.changeMentorUrl)).toEqual({ action: 'change-mentor', recipientId: student.id, caseId: 'case-0' });
    expect(message.variables.wellbeingUrl).toBe('https://www.example.edu/wellbeing');
    // Offered times are links, not calendar holds: a hold cannot be refreshed once it goes stale.
    expect(message.calendar).toBeNull();
  });

  it('gives a student nothing about risk: no level, no reasons, no courses', () => {
    const studentMessages = [
      ...plan({ kind: 'accepted', status: 'active' }),
      ...plan({ kind: 'phase-changed', status: 'active', phase: 'structured-engagement' }),
      ...plan({ kind: 'closed', status: 'closed', outcome: 'improved' }),
    ];
    const variables = JSON.stringify(studentMessages.map((message) => message.variables));
    expect(variables).not.toMatch(/at-risk|riskLevel|reasons|summative|ANAT201/);
  });

  it('offers a self-referral to the mentor as the student’s own request: no reasons or courses, even if the event carries some', () => {
    const [offer] = plan({ kind: 'matched', openedFor: 'self-referral', weakCourses: ['ANAT201'] });
    if (offer.template !== 'mentor-new-case') throw new Error(`unexpected ${offer.template}`);
    expect(offer.variables).toMatchObject({ selfReferral: true, reasons: [], focusCourses: [] });
    const [riskFlag] = plan({ kind: 'matched', openedFor: 'risk-flag' });
    if (riskFlag.template !== 'mentor-new-case') throw new Error(`unexpected ${riskFlag.template}`);
    expect(riskFlag.variables.selfReferral).toBe(false);
  });

  it('introduces the mentor of a self-referral as the answer to the student’s request', () => {
    const [introduction] = plan({ kind: 'accepted', status: 'active', openedFor: 'self-referral' });
    if (introduction.template !== 'student-first-contact') throw new Error(`unexpected ${introduction.template}`);
    expect(introduction.variables.askedForMentor).toBe(true);
    const [flagged] = plan({ kind: 'accepted', status: 'active' });
    if (flagged.template !== 'student-first-contact') throw new Error(`unexpected ${flagged.template}`);
    expect(flagged.variables.askedForMentor).toBe(false);
  });

  it('gives the mentor the context to decide: reasons, courses to focus on, phase and the deadline in their own zone', () => {
    const [message] = plan({ kind: 'matched', weakCourses: ['ANAT201'], slaDeadline: '2026-10-12T15:00:00Z' });
    if (message.template !== 'mentor-new-case') throw new Error(`unexpected ${message.template}`);
    expect(message.variables).toMatchObject({
      recipientName: mentor.displayName,
      studentName: student.displayName,
      program: 'MBBS',
      yearOfStudy: 2,
      focusCourses: ['ANAT201'],
      phase: { iceBreaking: true, structuredEngagement: false, selfDirected: false },
      slaDeadline: { at: '2026-10-12T15:00:00Z', timeZone: mentor.timeZone },
    });
    expect(message.variables.reasons).toEqual(caseEvent().reasons.map((reason) => reason.summary));
    expect(claimsOf(message.variables.acceptUrl)).toEqual({ action: 'accept-case', recipientId: mentor.id, caseId: 'case-0' });
    expect(JSON.stringify(message.variables)).not.toContain(student.email as string);
  });

  it('attaches the booked meeting to both sides, under its UID and SEQUENCE, with where it is', () => {
    const messages = plan({ kind: 'slot-confirmed', status: 'active', confirmedSlot, meeting });
    const booked = { uid: meeting.uid, sequence: 1, start: confirmedSlot.start, end: confirmedSlot.end, location: 'Room 2.14' };
    const place = { inPerson: true, video: false, phone: false, location: 'Room 2.14' };
    expect(messages.map((message) => message.calendar)).toEqual([
      expect.objectContaining({ otherPartyName: mentor.displayName, meeting: booked, place, cancelled: false }),
      expect.objectContaining({ otherPartyName: student.displayName, meeting: booked, place, cancelled: false }),
    ]);
    expect(messages.map((message) => message.variables)).toEqual([expect.objectContaining({ place }), expect.objectContaining({ place })]);
  });

  it('says a booked meeting moved when its calendar sequence grew', () => {
    const moved = (sequence: number) => plan({ kind: 'slot-confirmed', status: 'active', confirmedSlot, meeting: { ...meeting, sequence } }).map((message) => (message.variables as { moved: boolean }).moved);
    expect(moved(0)).toEqual([false, false]);
    expect(moved(2)).toEqual([true, true]);
  });

  it('names a booking without a meeting by its case and start, as its first confirmation did', () => {
    const [toStudent] = plan({ kind: 'slot-confirmed', status: 'active', confirmedSlot });
    expect(toStudent.calendar?.meeting).toEqual({ uid: `case-0-${Date.parse(confirmedSlot.start)}`, sequence: 0, start: confirmedSlot.start, end: confirmedSlot.end, location: null });
  });

  it('sends a cancellation to both sides: the same UID, its new SEQUENCE, cancelled', () => {
    const calledOff = { ...meeting, sequence: 2 };
    const messages = plan({ kind: 'meeting-cancelled', status: 'active', confirmedSlot: null, meeting: calledOff });
    expect(messages.map((message) => [message.recipient.id, message.calendar?.meeting.uid, message.calendar?.meeting.sequence, message.calendar?.cancelled])).toEqual([
      [student.id, meeting.uid, 2, true],
      [mentor.id, meeting.uid, 2, true],
    ]);
  });

  it('offers a new time after a cancellation only while the pair goes on', () => {
    const rebookable = (status: CaseEventV1['status']) =>
      plan({ kind: 'meeting-cancelled', status, meeting }).map((message) =>
        message.template === 'student-meeting-cancelled' ? message.variables.rebook !== null : message.template === 'mentor-meeting-cancelled' && message.variables.studentInvited,
      );
    expect(rebookable('active')).toEqual([true, true]);
    expect(rebookable('closed')).toEqual([false, false]);
    expect(rebookable('matched')).toEqual([false, false]);
  });

  it('reminds both of the meeting in their own zone, and lets neither reminder outlive its start', () => {
    const messages = plan({ kind: 'meeting-reminder-due', status: 'active', meeting, reminder: { leadMinutes: 60 } });
    expect(messages.map((message) => [message.recipient.id, message.expiresAt, message.calendar])).toEqual([
      [student.id, meeting.start, null],
      [mentor.id, meeting.start, null],
    ]);
    expect(messages.map((message) => (message.variables as { meeting: unknown }).meeting)).toEqual([
      { start: meeting.start, end: meeting.end, timeZone: student.timeZone },
      { start: meeting.start, end: meeting.end, timeZone: mentor.timeZone },
    ]);
  });

  it('nudges a student who has not booked warmly, with the offered times and the link to pick another', () => {
    const [toStudent, toMentor] = plan({ kind: 'nudge-due', status: 'active', nudge: { kind: 'not-booked', audience: 'student-and-mentor', daysWaiting: 3 } });
    if (toStudent.template !== 'student-next-meeting' || toMentor.template !== 'mentor-nudge') throw new Error('unexpected templates');
    expect(toStudent.variables.firstMeeting).toBe(true);
    expect(toStudent.variables.slots).toHaveLength(offered.length);
    expect(claimsOf(toStudent.variables.moreTimesUrl)).toEqual({ action: 'more-times', recipientId: student.id, caseId: 'case-0' });
    expect(toMentor.variables).toMatchObject({ nudge: { notBooked: true, noFirstMeeting: false, cadenceOverdue: false }, daysWaiting: 3 });
  });

  it('tells the coordinators how a mentor closed a case, with the referral', () => {
    const messages = plan({ kind: 'closed', status: 'closed', outcome: 'referred', closedBy: 'mentor', referredTo: 'Student Counselling Service' });
    expect(messages.map((message) => message.variables)).toEqual(
      COORDINATORS.map(() => expect.objectContaining({ mentorName: mentor.displayName, referredTo: 'Student Counselling Service', outcome: expect.objectContaining({ referred: true }) })),
    );
  });

  it('refuses a coordinator nudge nobody would receive, and closes a case without coordinators quietly', () => {
    const context = outreachContext({ coordinators: [] });
    expect(() => plan({ kind: 'nudge-due', nudge: { kind: 'no-first-meeting', audience: 'coordinator', daysWaiting: 14 } }, context)).toThrow(OutreachError);
    expect(plan({ kind: 'closed', status: 'closed', outcome: 'met', closedBy: 'mentor' }, context)).toEqual([]);
  });

  it('sends one message per person per event, whatever roles they hold', () => {
    const mentorAsCoordinator = { ...COORDINATORS[0], id: mentor.id };
    const context = outreachContext({ coordinators: [mentorAsCoordinator, mentorAsCoordinator] });
    expect(sent(plan({ kind: 'escalated', escalationReason: 'sla-expired' }, context))).toEqual([
      `coordinator-escalation-sla-expired -> coordinator ${mentor.id}`,
    ]);
    expect(sent(plan({ kind: 'reassigned', previousMentor: mentor }))).toEqual(['mentor-case-reassigned -> mentor M-201']);
  });

  it('carries the triggering event, the case and each recipient locale', () => {
    const context = outreachContext({ localeOf: (id) => (id === student.id ? 'en-GB' : undefined) });
    const messages = planOutreach(envelopeOf(caseEvent({ kind: 'slot-confirmed', status: 'active', student, mentor, confirmedSlot }), 'evt-42'), context);
    expect(messages.map(({ triggeringEventId, caseId, locale }) => ({ triggeringEventId, caseId, locale }))).toEqual([
      { triggeringEventId: 'evt-42', caseId: 'case-0', locale: 'en-GB' },
      { triggeringEventId: 'evt-42', caseId: 'case-0', locale: 'en' },
    ]);
  });

  it.each([
    ['accepted', { mentor: null }, 'mentor'],
    ['slot-confirmed', { confirmedSlot: null }, 'confirmedSlot'],
    ['meeting-reminder-due', { confirmedSlot: null, meeting: null }, 'confirmedSlot'],
    ['nudge-due', { nudge: null }, 'nudge'],
    ['escalated', { escalationReason: null }, 'escalationReason'],
  ] as [CaseEventV1['kind'], Partial<CaseEventV1>, string][])('refuses a %s event without its %s, so it is dead-lettered, not guessed', (kind, overrides, field) => {
    expect(() => plan({ kind, ...overrides })).toThrow(new OutreachError('incomplete-case-event', `case-${kind} event of case case-0 has no ${field}`));
  });

  it('refuses an escalation nobody would receive', () => {
    expect(() => plan({ kind: 'escalated', escalationReason: 'no-eligible-mentor' }, outreachContext({ coordinators: [] }))).toThrow(OutreachError);
  });
});
