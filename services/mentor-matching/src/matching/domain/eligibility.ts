export type IneligibilityReason =
  | 'inactive'
  | 'program-not-covered'
  | 'at-capacity'
  | 'on-leave'
  | 'excluded-by-student'
  | 'left-this-case'
  | 'no-free-time';

export interface MentorForEligibility {
  readonly mentorId: string;
  readonly active: boolean;
  readonly programs: readonly string[];
  readonly maxOpenCases: number;
  readonly openCases: number;
}

export interface EligibilityInput {
  readonly mentor: MentorForEligibility;
  /** From isOnLeave; leave later in the horizon already shows as missing free time. */
  readonly onLeaveNow: boolean;
  readonly student: { readonly program: string; readonly excludedMentorIds: readonly string[] };
  /** Mentors who declined this case or let its SLA run out: offering it to them again wastes a round. */
  readonly mentorsWhoLeftThisCase: readonly string[];
  /** From availabilityFacts: a mentor with no bookable time in the horizon cannot meet the student. */
  readonly bookableFreeMinutesNext14Days: number;
}

export interface EligibilityVerdict {
  readonly eligible: boolean;
  /** Every reason at once, for the coordinator's waitlist view; empty when eligible. */
  readonly reasons: IneligibilityReason[];
}

/** The hard constraints of matching. Capacity is checked here and enforced again by the database. */
export function checkEligibility(input: EligibilityInput): EligibilityVerdict {
  const { mentor, student } = input;
  const failed: Array<[IneligibilityReason, boolean]> = [
    ['inactive', !mentor.active],
    ['program-not-covered', !mentor.programs.includes(student.program)],
    ['at-capacity', mentor.openCases >= mentor.maxOpenCases],
    ['on-leave', input.onLeaveNow],
    ['excluded-by-student', student.excludedMentorIds.includes(mentor.mentorId)],
    ['left-this-case', input.mentorsWhoLeftThisCase.includes(mentor.mentorId)],
    ['no-free-time', input.bookableFreeMinutesNext14Days <= 0],
  ];
  const reasons = failed.filter(([, applies]) => applies).map(([reason]) => reason);
  return { eligible: reasons.length === 0, reasons };
}
