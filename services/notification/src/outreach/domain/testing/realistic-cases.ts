import type { CaseEventV1, CaseParticipantV1, EventEnvelope, MeetingSlotV1, RiskReasonV1 } from '@mentoring/contracts';
import { caseEventType } from '@mentoring/contracts';
import { createLinkBuilder } from '../links';
import type { OutreachContext } from '../plan-outreach';
import type { Recipient } from '../planned-message';

// People from the four programmes of the seed study, in several scripts and time zones, with the
// apostrophes and accents that break naive escaping.
export const STUDENTS: readonly CaseParticipantV1[] = [
  { id: 'S-1001', displayName: 'Amira', email: 'amira@students.example.edu', timeZone: 'Asia/Dubai' },
  { id: 'S-1002', displayName: "Zoë O'Connell", email: 'zoe@students.example.edu', timeZone: 'Europe/London' },
  { id: 'S-1003', displayName: 'Nguyễn Thị Mai', email: 'mai@students.example.edu', timeZone: 'Asia/Kolkata' },
  { id: 'S-1004', displayName: 'Søren', email: null, timeZone: 'America/Los_Angeles' },
  { id: 'S-1005', displayName: '李华', email: 'li.hua@students.example.edu', timeZone: 'Pacific/Auckland' },
];

export const MENTORS: readonly CaseParticipantV1[] = [
  { id: 'M-201', displayName: 'Dr Farah Azhar', email: 'f.azhar@example.edu', timeZone: 'Asia/Dubai' },
  { id: 'M-202', displayName: 'Prof. Łukasz Wójcik', email: 'l.wojcik@example.edu', timeZone: 'Europe/Warsaw' },
  { id: 'M-203', displayName: 'Dr Siobhán Ní Bhriain', email: 's.nibhriain@example.edu', timeZone: 'Europe/Dublin' },
  { id: 'M-204', displayName: 'Kwame', email: 'k.mensah@example.edu', timeZone: 'America/New_York' },
];

export const COORDINATORS: readonly Recipient[] = [
  { id: 'C-1', role: 'coordinator', displayName: 'Dalia', email: 'mbbs.coordinator@example.edu', timeZone: 'Asia/Dubai' },
  { id: 'C-2', role: 'coordinator', displayName: 'Renée Dupont', email: null, timeZone: 'Europe/Paris' },
];

const PROGRAMMES = [
  { program: 'MBBS', yearOfStudy: 2 },
  { program: 'MD', yearOfStudy: 4 },
  { program: 'BBMS', yearOfStudy: 1 },
  { program: 'HDPCS', yearOfStudy: 1 },
  { program: 'MBBS', yearOfStudy: 6 },
];

/** Mentor-facing summaries, as risk-scoring writes them: they may state marks, students never see them. */
export const REASONS: readonly RiskReasonV1[] = [
  { code: 'summative-mean-below-threshold', value: 64.5, threshold: 70, gradeIds: ['g-1', 'g-2'], summary: 'Mean of 2 recent summatives is 64.5%, under the 70% programme threshold' },
  { code: 'downward-trend', value: -12, threshold: -10, gradeIds: ['g-2', 'g-3'], summary: 'Marks dropped by 12 points across the last three assessments in ANAT201' },
  { code: 'missed-sessions', value: 2, threshold: 2, gradeIds: [], summary: 'Missed the last 2 mentoring sessions' },
];

const WEAK_COURSES = [['ANAT201', 'PHYS110'], ['PATH301'], []];

export function slots(count: number, firstStart = '2026-10-13T06:00:00Z'): MeetingSlotV1[] {
  const first = Date.parse(firstStart);
  return Array.from({ length: count }, (_, index) => {
    const start = first + index * 26 * 60 * 60 * 1000;
    return { start: new Date(start).toISOString(), end: new Date(start + 30 * 60 * 1000).toISOString() };
  });
}

/** A complete, plausible case event; variants override what they are about. */
export function caseEvent(overrides: Partial<CaseEventV1> = {}, variant = 0): CaseEventV1 {
  const student = STUDENTS[variant % STUDENTS.length];
  const offered = slots((variant % 3) + 1);
  return {
    kind: 'matched',
    caseId: `case-${variant}`,
    studentId: student.id,
    ...PROGRAMMES[variant % PROGRAMMES.length],
    status: 'matched',
    phase: 'ice-breaking',
    riskLevel: 'at-risk',
    student,
    mentor: MENTORS[variant % MENTORS.length],
    previousMentor: null,
    reasons: REASONS.slice(0, (variant % REASONS.length) + 1),
    weakCourses: WEAK_COURSES[variant % WEAK_COURSES.length],
    proposedSlots: offered,
    confirmedSlot: null,
    slaDeadline: '2026-10-12T15:00:00Z',
    session: null,
    escalationReason: null,
    outcome: null,
    reason: null,
    occurredAt: '2026-10-10T09:00:00Z',
    ...overrides,
  };
}

export function envelopeOf(data: CaseEventV1, id = `evt-${data.kind}-${data.caseId}`): EventEnvelope<CaseEventV1> {
  return {
    id,
    type: caseEventType(data.kind),
    source: 'mentor-matching',
    time: data.occurredAt,
    subject: data.studentId,
    correlationId: id,
    causationId: null,
    data,
  };
}

/** Tokens readable in test failures: the claims, base64url-encoded, as a signer would wrap them. */
export const testLinkFor = createLinkBuilder({
  baseUrl: 'https://mentoring.example.edu',
  signToken: (claims) => Buffer.from(JSON.stringify(claims)).toString('base64url'),
});

export function outreachContext(overrides: Partial<OutreachContext> = {}): OutreachContext {
  return {
    linkFor: testLinkFor,
    teamName: 'The Student Mentoring Team',
    wellbeingUrl: 'https://www.example.edu/wellbeing',
    coordinators: COORDINATORS,
    ...overrides,
  };
}
