import { checkEligibility, EligibilityInput } from './eligibility';

const eligibleInput: EligibilityInput = {
  mentor: {
    mentorId: 'mentor-1',
    active: true,
    programs: ['MBBS', 'MD'],
    maxOpenCases: 5,
    openCases: 4,
  },
  onLeaveNow: false,
  student: { program: 'MBBS', excludedMentorIds: ['mentor-9'] },
  mentorsWhoLeftThisCase: [],
  bookableFreeMinutesNext14Days: 240,
};

describe('checkEligibility', () => {
  it('accepts a mentor who meets every hard constraint', () => {
    expect(checkEligibility(eligibleInput)).toEqual({ eligible: true, reasons: [] });
  });

  it.each([
    ['inactive', { mentor: { ...eligibleInput.mentor, active: false } }],
    ['program-not-covered', { student: { ...eligibleInput.student, program: 'BBMS' } }],
    ['at-capacity', { mentor: { ...eligibleInput.mentor, openCases: 5 } }],
    ['excluded-by-student', { student: { ...eligibleInput.student, excludedMentorIds: ['mentor-1'] } }],
    ['left-this-case', { mentorsWhoLeftThisCase: ['mentor-1'] }],
    ['no-free-time', { bookableFreeMinutesNext14Days: 0 }],
    ['on-leave', { onLeaveNow: true }],
  ] as const)('refuses a mentor who is %s', (reason, change) => {
    expect(checkEligibility({ ...eligibleInput, ...change })).toEqual({ eligible: false, reasons: [reason] });
  });

  it('lists every reason at once for the waitlist view', () => {
    const verdict = checkEligibility({
      ...eligibleInput,
      mentor: { ...eligibleInput.mentor, active: false, openCases: 7 },
      student: { program: 'HDPCS', excludedMentorIds: [] },
    });
    expect(verdict.reasons).toEqual(['inactive', 'program-not-covered', 'at-capacity']);
  });
});
