import type { VerifiedLinkReply } from '@mentoring/contracts';

/** What a link points at, without what makes it a credential. */
export type LinkTarget = Omit<VerifiedLinkReply, 'tokenId' | 'expiresAt'>;

/** Which part of the student's page a link from a message asks for. */
export type StudentCaseFocus = 'pick-slot' | 'more-times' | 'change-mentor' | 'messages';

export type LinkDestination =
  | { kind: 'student-case'; caseId: string; focus: StudentCaseFocus; slotStart?: string }
  | { kind: 'preferences' }
  | { kind: 'inbox' }
  | { kind: 'sign-in' }
  | { kind: 'redirect'; location: string }
  | { kind: 'unknown' };

const STUDENT_CASE_ACTIONS: Record<string, StudentCaseFocus> = {
  'pick-slot': 'pick-slot',
  'more-times': 'more-times',
  reschedule: 'more-times',
  'change-mentor': 'change-mentor',
  messages: 'messages',
};

const STAFF_ACTIONS = ['accept-case', 'decline-case', 'open-case', 'escalations'];

/**
 * Where a verified link leads. Students have no account, so the link itself opens their page;
 * staff links only lead to the signed-in pages (never acting on GET), after sign-in when needed.
 */
export function destinationOf(link: LinkTarget, signedInRole?: string): LinkDestination {
  const focus = STUDENT_CASE_ACTIONS[link.action];
  if (focus) return link.caseId ? { kind: 'student-case', caseId: link.caseId, focus, slotStart: link.slotStart } : { kind: 'unknown' };
  if (link.action === 'preferences' || link.action === 'inbox') return { kind: link.action };
  if (!STAFF_ACTIONS.includes(link.action)) return { kind: 'unknown' };
  if (!signedInRole) return { kind: 'sign-in' };
  return { kind: 'redirect', location: staffPage(link, signedInRole) };
}

function staffPage(link: LinkTarget, role: string): string {
  const caseId = link.caseId ? encodeURIComponent(link.caseId) : undefined;
  if (role === 'mentor' && caseId) {
    // Accept and decline land on the case's answer form: the mentor reads the context first, then decides.
    return link.action === 'open-case' ? `/mentor/cases/${caseId}` : `/mentor/cases/${caseId}#respond`;
  }
  if (role === 'coordinator') return caseId && link.action === 'open-case' ? `/coordinator/cases/${caseId}/reassign` : '/coordinator';
  return `/${role}`;
}
