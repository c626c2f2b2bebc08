import type { CaseStatus } from '@mentoring/contracts';

// The shapes the services answer a student-role caller with, as far as these pages read them.

export interface MeetingSlot {
  start: string;
  end: string;
}

/** mentor-matching's student view of a case: their mentor and times; never a level, a reason or a note. */
export interface StudentCase {
  caseId: string;
  status: CaseStatus;
  mentor: { displayName: string; timeZone: string } | null;
  proposedSlots: MeetingSlot[];
  confirmedSlot: MeetingSlot | null;
}

export interface StudentProfile {
  timeZone: string;
}

export interface Preferences {
  channel: 'email' | 'inbox';
  emailOptOut: boolean;
  quietHours: { start: string; end: string } | null;
}

export interface Inbox {
  unread: number;
  items: Array<{ messageId: string; subject: string; text: string; receivedAt: string; readAt: string | null }>;
}
