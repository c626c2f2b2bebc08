import type { CaseloadEntryReply, FullCaseReply, MeetingV1, Served, StudentCaseReply } from '@mentoring/contracts';
import type { Mentor } from '../mentors';
import type { Student } from '../students';
import type { CaseRecord } from './case-record';
import { BookedMeeting, cadenceDays, CasePolicy, MeetingSlot, flagToFirstContactHours, flagToFirstMeetingHours, nextMeetingDueAt } from './domain';
import { CaseHistoryEntity } from './infrastructure/case-history.entity';

export interface CasePeople {
  readonly student: Student | null;
  readonly mentor: Mentor | null;
  /** The case's own mentor is reading: only they see a self-referred student's note. */
  readonly readByItsMentor: boolean;
}

/** What the case's mentor, coordinators and ops see: the context, the timeline and the history. */
export function fullCaseView(record: CaseRecord, people: CasePeople, history: readonly CaseHistoryEntity[], policy: CasePolicy): Served<FullCaseReply> {
  return {
    caseId: record.id,
    status: record.status,
    phase: record.phase,
    student: {
      studentId: record.studentId,
      displayName: people.student?.displayName ?? record.studentId,
      program: record.program,
      yearOfStudy: record.yearOfStudy,
      timeZone: people.student?.timeZone ?? null,
    },
    mentor: people.mentor && { mentorId: people.mentor.id, displayName: people.mentor.displayName, timeZone: people.mentor.timeZone },
    previousMentorId: record.previousMentorId,
    mentorsWhoLeft: record.mentorsWhoLeft,
    standing: { level: record.riskLevel, reasons: record.riskReasons, weakCourses: record.weakCourses },
    openedFor: record.openedFor,
    studentNote: people.readByItsMentor ? record.studentNote : null,
    proposedSlots: record.proposedSlots,
    confirmedSlot: record.confirmedSlot,
    meeting: meetingReply(record.meeting),
    slaDeadline: record.slaDeadline,
    reminderSentAt: record.reminderSentAt,
    cadenceDays: cadenceDays(record, policy),
    nextMeetingDueAt: nextMeetingDueAt(record, policy),
    consecutiveMissed: record.consecutiveMissed,
    contactAttempts: record.contactAttempts,
    outcome: record.outcome,
    timeline: {
      flaggedAt: record.flaggedAt,
      openedAt: record.openedAt,
      matchedAt: record.matchedAt,
      acceptedAt: record.acceptedAt,
      firstContactAt: record.firstContactAt,
      firstMeetingAt: record.firstMeetingAt,
      lastMeetingAt: record.lastMeetingAt,
      closedAt: record.closedAt,
    },
    timing: { flagToFirstContactHours: flagToFirstContactHours(record), flagToFirstMeetingHours: flagToFirstMeetingHours(record) },
    history: history.map((entry) => ({ kind: entry.kind, occurredAt: entry.occurredAt, actor: entry.actor, details: entry.details })),
  };
}

/** What the student sees: who their mentor is and when to meet; never a risk level, a reason or a note. */
export function studentCaseView(record: CaseRecord, mentor: Mentor | null, policy: CasePolicy, offeredNow: readonly MeetingSlot[]): Served<StudentCaseReply> {
  return {
    caseId: record.id,
    status: record.status,
    phase: record.phase,
    mentor: mentor && { displayName: mentor.displayName, timeZone: mentor.timeZone },
    proposedSlots: offeredNow.map(({ start, end, mode, location }) => ({ start, end, mode: mode ?? null, location: location || null })),
    confirmedSlot: record.confirmedSlot,
    meeting: meetingReply(record.meeting),
    nextMeetingDueAt: nextMeetingDueAt(record, policy),
  };
}

function meetingReply(meeting: BookedMeeting | null): Served<MeetingV1> | null {
  return meeting && { uid: meeting.uid, sequence: meeting.sequence, start: meeting.start, end: meeting.end, mode: meeting.mode, location: meeting.location };
}

/** One line of a mentor's caseload. */
export function caseloadEntry(record: CaseRecord, student: Student | undefined, policy: CasePolicy): Served<CaseloadEntryReply> {
  return {
    caseId: record.id,
    status: record.status,
    phase: record.phase,
    student: { studentId: record.studentId, displayName: student?.displayName ?? record.studentId, program: record.program, yearOfStudy: record.yearOfStudy },
    riskLevel: record.riskLevel,
    weakCourses: record.weakCourses,
    slaDeadline: record.slaDeadline,
    confirmedSlot: record.confirmedSlot,
    nextMeetingDueAt: nextMeetingDueAt(record, policy),
    consecutiveMissed: record.consecutiveMissed,
    openedAt: record.openedAt,
    outcome: record.outcome,
  };
}
