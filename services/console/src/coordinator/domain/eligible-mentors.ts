import type { MentorReply } from '@mentoring/contracts';

/** What reassignment reads of a mentor from GET /v1/mentors. */
export type MentorSummary = Pick<MentorReply, 'mentorId' | 'displayName' | 'programs' | 'maxOpenCases' | 'openCases' | 'active' | 'onLeaveNow'>;

/** The case a coordinator reassigns: its programme, current mentor and mentors who left it. */
export interface CaseToReassign {
  program: string;
  mentorId: string | null;
  mentorsWhoLeft: string[];
}

export interface MentorChoice {
  mentorId: string;
  label: string;
}

/**
 * Mentors who could take the case under matching's hard constraints (programme, active, not on
 * leave, free capacity, not the current mentor or one who left the case), most free capacity
 * first. mentor-matching checks again when the reassignment is made.
 */
export function eligibleMentors(record: CaseToReassign, mentors: readonly MentorSummary[]): MentorChoice[] {
  return mentors
    .filter((mentor) => mentor.programs.includes(record.program) && mentor.active && !mentor.onLeaveNow)
    .filter((mentor) => mentor.openCases < mentor.maxOpenCases)
    .filter((mentor) => mentor.mentorId !== record.mentorId && !record.mentorsWhoLeft.includes(mentor.mentorId))
    .sort((a, b) => b.maxOpenCases - b.openCases - (a.maxOpenCases - a.openCases) || a.displayName.localeCompare(b.displayName))
    .map((mentor) => ({ mentorId: mentor.mentorId, label: `${mentor.displayName} (${mentor.openCases} of ${mentor.maxOpenCases} cases)` }));
}
