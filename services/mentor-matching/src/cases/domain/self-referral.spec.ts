import { selfReferralContext, STUDENT_NOTE_MAX_LENGTH } from './self-referral';

describe('selfReferralContext', () => {
  const student = { program: 'MBBS', yearOfStudy: 2 };

  it('opens for a self-referral with no marks, reasons or weak courses', () => {
    expect(selfReferralContext(student, 'Settling in has been hard')).toEqual({
      program: 'MBBS',
      yearOfStudy: 2,
      riskLevel: 'ok',
      riskReasons: [],
      weakCourses: [],
      openedFor: 'self-referral',
      studentNote: 'Settling in has been hard',
    });
  });

  it('keeps no note when the student left none or only whitespace', () => {
    expect(selfReferralContext(student, undefined).studentNote).toBeNull();
    expect(selfReferralContext(student, '   \n ').studentNote).toBeNull();
  });

  it('trims the note and keeps it within the limit', () => {
    expect(selfReferralContext(student, '  time management  ').studentNote).toBe('time management');
    expect(selfReferralContext(student, 'x'.repeat(STUDENT_NOTE_MAX_LENGTH + 50)).studentNote).toHaveLength(STUDENT_NOTE_MAX_LENGTH);
  });
});
