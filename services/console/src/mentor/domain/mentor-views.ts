import type { CasePhase, CaseStatus, RiskReasonV1, SessionOutcome } from '@mentoring/contracts';

// The shapes mentor-matching answers with (its case-views.ts and mentors.service.ts), as far as
// the mentor pages read them.

export interface MeetingSlot {
  start: string;
  end: string;
}

export interface CaseloadEntry {
  caseId: string;
  status: CaseStatus;
  phase: CasePhase;
  student: { studentId: string; displayName: string; program: string; yearOfStudy: number };
  weakCourses: string[];
  slaDeadline: string | null;
  confirmedSlot: MeetingSlot | null;
  nextMeetingDueAt: string | null;
  consecutiveMissed: number;
  openedAt: string;
}

export interface HistoryEntry {
  kind: string;
  occurredAt: string;
  actor: string | null;
  details: Record<string, unknown> | null;
}

export interface FullCase {
  caseId: string;
  status: CaseStatus;
  phase: CasePhase;
  student: { studentId: string; displayName: string; program: string; yearOfStudy: number; timeZone: string | null };
  mentor: { mentorId: string; displayName: string; timeZone: string } | null;
  standing: { reasons: RiskReasonV1[]; weakCourses: string[] };
  proposedSlots: MeetingSlot[];
  confirmedSlot: MeetingSlot | null;
  slaDeadline: string | null;
  cadenceDays: number;
  nextMeetingDueAt: string | null;
  consecutiveMissed: number;
  history: HistoryEntry[];
}

export interface LoggedSession {
  outcome: SessionOutcome;
  occurredAt: string;
  notes: string | null;
  loggedAt: string;
}

export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

export interface LeavePeriod {
  firstDay: string;
  lastDay: string;
}

export interface MentorProfile {
  mentorId: string;
  displayName: string;
  timeZone: string;
  weeklyAvailability: WeeklyWindow[];
  blocks: MeetingSlot[];
  leave: LeavePeriod[];
  maxOpenCases: number;
  openCases: number;
  onLeaveNow: boolean;
}

/** The offered times still open to choose: the one already booked is shown as booked, not offered again. */
export function openSlots(mentoringCase: Pick<FullCase, 'proposedSlots' | 'confirmedSlot'>): MeetingSlot[] {
  const booked = mentoringCase.confirmedSlot;
  if (!booked) return mentoringCase.proposedSlots;
  return mentoringCase.proposedSlots.filter((slot) => Date.parse(slot.start) !== Date.parse(booked.start));
}
