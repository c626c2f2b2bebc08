import { assignJointly } from './assignment';
import { evaluateCandidates, MentorProfile, prepareMentors, proposeSlotsFor, StudentProfile, toScoreMatrix } from './candidate-evaluation';
import { NO_RESPONSIVENESS_HISTORY } from '../../mentors/domain/responsiveness';

const now = new Date('2025-10-20T08:00:00Z'); // Monday
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

const mentor = (mentorId: string, changes: Partial<MentorProfile> = {}): MentorProfile => ({
  mentorId,
  active: true,
  programs: ['MBBS'],
  maxOpenCases: 5,
  openCases: 1,
  availability: { timeZone: 'Asia/Dubai', weekly: everyDay('13:00', '15:00'), blocks: [], leave: [], bookedMeetings: [] },
  expertise: [],
  responsiveness: NO_RESPONSIVENESS_HISTORY,
  ...changes,
});

const student: StudentProfile = {
  studentId: 'student-1',
  program: 'MBBS',
  preferences: { timeZone: 'Europe/London', weekly: everyDay('10:00', '12:00') },
  currentMentorId: 'current',
  excludedMentorIds: [],
  weakCourses: ['ANAT101'],
};

const request = { caseId: 'case-1', student, mentorsWhoLeftThisCase: [] };

function bestMentorFor(mentors: MentorProfile[]): string | undefined {
  const evaluations = evaluateCandidates(request, prepareMentors(mentors, { now }), { now });
  const result = assignJointly(['case-1'], mentors.map((m) => ({ mentorId: m.mentorId, remainingCapacity: m.maxOpenCases - m.openCases })), toScoreMatrix(new Map([['case-1', evaluations]])));
  return result.assignments[0]?.mentorId;
}

describe('evaluateCandidates', () => {
  it('keeps the current mentor when they have real free time this week, even with less overlap than another', () => {
    const current = mentor('current', { availability: { ...mentor('x').availability, weekly: [{ weekday: 3, start: '08:00', end: '09:00' }, { weekday: 4, start: '08:00', end: '09:00' }] } });
    const stranger = mentor('stranger', { expertise: ['ANAT101'], openCases: 0 });
    expect(bestMentorFor([stranger, current])).toBe('current');
  });

  it('moves on from a current mentor who is away all week, to the one with most overlap', () => {
    const away = mentor('current', { availability: { ...mentor('x').availability, leave: [{ firstDay: '2025-10-20', lastDay: '2025-10-26' }] } });
    const evening = mentor('evening', { availability: { ...mentor('x').availability, weekly: everyDay('21:00', '23:00') } });
    const overlapping = mentor('overlapping');
    expect(bestMentorFor([away, evening, overlapping])).toBe('overlapping');
  });

  it('reports why each ineligible mentor was passed over', () => {
    const mentors = [
      mentor('full', { openCases: 5 }),
      mentor('elsewhere', { programs: ['BBMS'] }),
      mentor('away', { availability: { ...mentor('x').availability, leave: [{ firstDay: '2025-10-19', lastDay: '2025-11-30' }] } }),
      mentor('no-hours', { availability: { ...mentor('x').availability, weekly: [] } }),
    ];
    const evaluations = evaluateCandidates(request, prepareMentors(mentors, { now }), { now });
    expect(evaluations.map((e) => [e.mentorId, e.eligibility.reasons, e.score])).toEqual([
      ['full', ['at-capacity'], null],
      ['elsewhere', ['program-not-covered'], null],
      ['away', ['on-leave', 'no-free-time'], null],
      ['no-hours', ['no-free-time'], null],
    ]);
  });
});

describe('proposeSlotsFor', () => {
  it('offers slots inside the student’s preferences, spread over their days', () => {
    const [prepared] = prepareMentors([mentor('m')], { now });
    const proposal = proposeSlotsFor(student, prepared.freeTime, { now });
    // Lead time of 24 h: from Tuesday. London is on BST until Sunday, so 10:00 local is 09:00Z.
    expect(proposal.slots.map((slot) => slot.start.slice(0, 16))).toEqual(['2025-10-21T09:00', '2025-10-22T09:00', '2025-10-23T09:00']);
    expect(proposal.outsidePreferences).toBe(false);
  });
});
