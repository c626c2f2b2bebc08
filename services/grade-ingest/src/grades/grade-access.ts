import { ForbiddenException } from '@nestjs/common';
import { assertCoversProgramme, Principal, programmeFilter } from '@mentoring/auth';

/** What the access rule needs to know about the student whose grades are asked for. */
export interface GradeReader {
  /** The programme of the student's most recent grade; null when they have none. */
  programme: string | null;
  /** Whether the principal (a mentor) holds the student's open case. */
  holdsCase: boolean;
}

export const GRADES_REFUSED = "Only the student's current mentor, a coordinator of the student's programme or ops may read these grades";

/**
 * A grade history is the most sensitive record here: ops, the mentor who holds the student's open
 * case, and coordinators of the student's programme. A coordinator cannot be shown the grades of a
 * student whose programme is not known yet, since nothing says the student is theirs.
 */
export function assertMayReadGrades(principal: Principal, student: GradeReader): void {
  if (principal.role === 'ops') return;
  if (principal.role === 'mentor' && student.holdsCase) return;
  if (principal.role === 'coordinator') {
    // First, so a token without programmes hears that rather than anything about the student.
    programmeFilter(principal);
    if (student.programme === null) throw new ForbiddenException(`${GRADES_REFUSED}; no programme is known for this student`);
    assertCoversProgramme(principal, student.programme);
    return;
  }
  throw new ForbiddenException(GRADES_REFUSED);
}
