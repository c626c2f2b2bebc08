/** What notification knows of a case, from its case events: who may read and write its thread. */
export interface CaseMembership {
  caseId: string;
  studentId: string;
  /** The current mentor; a reassigned case's previous mentor no longer reads its thread. */
  mentorId: string | null;
  program: string;
  closed: boolean;
}

export type ThreadRole = 'student' | 'mentor';

export interface ThreadReader {
  role: string;
  subject: string;
}

/**
 * The thread is between the student and their current mentor only: coordinators, ops, other
 * students and other mentors read nothing of it.
 */
export function threadRoleOf(membership: CaseMembership, reader: ThreadReader): ThreadRole | null {
  if (reader.role === 'student' && reader.subject === membership.studentId) return 'student';
  if (reader.role === 'mentor' && membership.mentorId !== null && reader.subject === membership.mentorId) return 'mentor';
  return null;
}

/** The same rule for a reply address, which names a person but not a role. */
export function threadRoleOfPerson(membership: CaseMembership, personId: string): ThreadRole | null {
  if (personId === membership.studentId) return 'student';
  if (membership.mentorId !== null && personId === membership.mentorId) return 'mentor';
  return null;
}

/** The one who hears of a new message: the other side of the thread, if there is one. */
export function otherSideOf(membership: CaseMembership, author: ThreadRole): { id: string; role: ThreadRole } | null {
  if (author === 'mentor') return { id: membership.studentId, role: 'student' };
  return membership.mentorId ? { id: membership.mentorId, role: 'mentor' } : null;
}

export const MAX_MESSAGE_LENGTH = 4_000;

/** A message's text as kept: trimmed, non-empty, at most MAX_MESSAGE_LENGTH characters. */
export function messageBodyOf(text: string): string | null {
  const body = text.trim();
  return body.length > 0 && body.length <= MAX_MESSAGE_LENGTH ? body : null;
}
