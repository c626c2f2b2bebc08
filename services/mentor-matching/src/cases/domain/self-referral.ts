import type { CaseOpeningReason, RiskLevel } from '@mentoring/contracts';

/** The longest note a student may leave when asking for a mentor: a line or two, not a case history. */
export const STUDENT_NOTE_MAX_LENGTH = 500;

/** What a self-referred case knows of the student: no marks, no reasons, only their programme and their own words. */
export interface SelfReferralContext {
  readonly program: string;
  readonly yearOfStudy: number;
  readonly riskLevel: RiskLevel;
  readonly riskReasons: readonly never[];
  readonly weakCourses: readonly string[];
  readonly openedFor: CaseOpeningReason;
  readonly studentNote: string | null;
}

/**
 * A student asking for a mentor is not a judgement on their marks: the case carries no risk reason
 * and no weak course, and the standing it records is 'ok' so nothing downstream reads it as a flag.
 * A note of only whitespace is no note.
 */
export function selfReferralContext(student: { program: string; yearOfStudy: number }, note: string | null | undefined): SelfReferralContext {
  const trimmed = note?.trim() ?? '';
  return {
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    riskLevel: 'ok',
    riskReasons: [],
    weakCourses: [],
    openedFor: 'self-referral',
    studentNote: trimmed.length > 0 ? trimmed.slice(0, STUDENT_NOTE_MAX_LENGTH) : null,
  };
}
