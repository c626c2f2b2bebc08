import type { PreviousStanding, Standing } from '../scoring/domain';

/** Who a student is, as far as scoring cares: programme (which policy) and year (for reports). */
export interface StudentProfile {
  studentId: string;
  program: string;
  yearOfStudy: number;
}

/** A student's new standing beside the last one; `changed` says whether it is worth announcing. */
export interface StudentAssessment {
  student: StudentProfile;
  previous: PreviousStanding | undefined;
  standing: Standing;
  changed: boolean;
}
