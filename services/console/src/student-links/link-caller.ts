import type { SignedInUser } from '../accounts/sessions.service';
import type { Caller } from '../service-api/service-api';
import type { VerifiedLinkReply } from '@mentoring/contracts';

/** The student a link names: the id always comes from the verified token, never from a form. */
export function studentOf(link: VerifiedLinkReply): Caller {
  return { role: 'student', subject: link.recipientId };
}

/**
 * Whom an inbox or preferences link acts for. Every message's footer has these links, mentors' and
 * coordinators' too; a person signed in as the recipient acts in their own role, anyone else as
 * the student the link names (notification refuses a student token for someone it knows otherwise).
 */
export function recipientOf(link: VerifiedLinkReply, user: SignedInUser | undefined): Caller {
  return user && user.subjectId === link.recipientId ? { role: user.role, subject: user.subjectId } : studentOf(link);
}
