import { MentorProfile, StudentProfile } from './candidate-evaluation';
import { planMatches, reservedSlots } from './match-planning';
import { NO_RESPONSIVENESS_HISTORY } from '../../mentors/domain/responsiveness';

const now = new Date('2025-10-20T08:00:00Z'); // Monday
const options = { now, slotCount: 3 };

const mentor = (mentorId: string, changes: Partial<MentorProfile> = {}): MentorProfile => ({
  mentorId,
  active: true,
  programs: ['MBBS'],
  maxOpenCases: 3,
  openCases: 0,
  availability: {
    timeZone: 'UTC',
    weekly: [2, 3, 4].map((weekday) => ({ weekday, start: '10:00', end: '11:00' })),
    blocks: [],
    leave: [],
    bookedMeetings: [],
  },
  expertise: [],
  responsiveness: NO_RESPONSIVENESS_HISTORY,
  ...changes,
});

const student = (studentId: string): StudentProfile => ({
  studentId,
  program: 'MBBS',
  preferences: { timeZone: 'UTC', weekly: [] },
  currentMentorId: null,
  excludedMentorIds: [],
  weakCourses: [],
});

const request = (caseId: string) => ({ caseId, student: student(`student-of-${caseId}`), mentorsWhoLeftThisCase: [] });

describe('planMatches', () => {
  it('never offers two students of one run the same time with the same mentor', () => {
    const plan = planMatches([request('a'), request('b')], [mentor('m')], options);
    const offered = plan.matches.flatMap((match) => match.proposedSlots.map((slot) => slot.start));
    expect(plan.matches.map((match) => match.mentorId)).toEqual(['m', 'm']);
    expect(new Set(offered).size).toBe(offered.length);
  });

  it('waitlists what capacity cannot hold and keeps every verdict for the explanation', () => {
    const plan = planMatches([request('a'), request('b')], [mentor('m', { maxOpenCases: 1 })], options);
    expect(plan.matches).toHaveLength(1);
    expect(plan.waitlisted).toEqual([{ caseId: expect.any(String), reason: 'eligible-mentors-full' }]);
    expect(plan.evaluations.get('a')?.[0].eligibility.eligible).toBe(true);
  });

  it('waitlists a case no mentor may take, with the reason', () => {
    const plan = planMatches([request('a')], [mentor('m', { programs: ['BBMS'] })], options);
    expect(plan.waitlisted).toEqual([{ caseId: 'a', reason: 'no-eligible-mentor' }]);
    expect(plan.evaluations.get('a')?.[0].eligibility.reasons).toEqual(['program-not-covered']);
  });
});

describe('reservedSlots', () => {
  const slot = (hour: number) => ({ start: `2025-10-21T${hour}:00:00.000Z`, end: `2025-10-21T${hour}:30:00.000Z` });

  it('is the confirmed meeting once there is one, else every slot still on offer', () => {
    expect(reservedSlots({ proposedSlots: [slot(10), slot(11)], confirmedSlot: null })).toEqual([slot(10), slot(11)]);
    expect(reservedSlots({ proposedSlots: [slot(10), slot(11)], confirmedSlot: slot(11) })).toEqual([slot(11)]);
  });
});
