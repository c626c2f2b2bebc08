import { CaseEventV1, caseEventType, CaseParticipantV1, createEnvelope, EventEnvelope, MeetingSlotV1, MeetingV1 } from '@mentoring/contracts';
import { SERVICE_NAME } from '../config/mentor-matching.config';
import type { IsoInterval } from '../shared/time';
import type { CaseRecord } from './case-record';
import type { BookedMeeting, CaseChange, MeetingSlot } from './domain';

/** Who is named in case events: only what a message to them needs. */
export interface Participants {
  student(studentId: string): CaseParticipantV1;
  mentor(mentorId: string): CaseParticipantV1;
}

/** The event or request a change comes from; its correlation id is carried into the case events. */
export interface EventCause {
  readonly eventId?: string;
  readonly correlationId: string;
}

/** The `mentoring.case-<kind>.v1` envelope of one change, keyed by the student. */
export function caseEventEnvelope(
  state: CaseRecord,
  change: CaseChange,
  participants: Participants,
  cause: EventCause,
): EventEnvelope<CaseEventV1> {
  return createEnvelope({
    type: caseEventType(change.kind),
    source: SERVICE_NAME,
    subject: state.studentId,
    data: caseEventData(state, change, participants),
    ...(cause.eventId ? { cause: { id: cause.eventId, correlationId: cause.correlationId } } : { correlationId: cause.correlationId }),
  });
}

/**
 * The case as it stands after the change, plus what the change itself says. Session notes are
 * never part of it; reasons and weak courses are, for the mentor's context.
 */
export function caseEventData(state: CaseRecord, change: CaseChange, participants: Participants): CaseEventV1 {
  const mentorId = mentorNamedBy(state, change);
  return {
    kind: change.kind,
    caseId: state.id,
    studentId: state.studentId,
    program: state.program,
    yearOfStudy: state.yearOfStudy,
    status: state.status,
    phase: change.kind === 'phase-changed' ? change.to : state.phase,
    riskLevel: state.riskLevel,
    student: participants.student(state.studentId),
    mentor: mentorId ? participants.mentor(mentorId) : null,
    previousMentor: change.kind === 'reassigned' ? participants.mentor(change.previousMentorId) : null,
    reasons: state.riskReasons.map((reason) => ({ ...reason })),
    weakCourses: [...state.weakCourses],
    proposedSlots: state.proposedSlots.map(meetingSlot),
    confirmedSlot: change.kind === 'slot-confirmed' ? meetingSlot({ ...change.slot, ...change.meeting }) : state.confirmedSlot && meetingSlot(state.confirmedSlot),
    slaDeadline: state.slaDeadline?.toISOString() ?? null,
    session: change.kind === 'session-logged' ? sessionOf(change) : null,
    escalationReason: change.kind === 'escalated' ? change.escalationReason : null,
    outcome: change.kind === 'closed' ? change.outcome : state.outcome,
    reason: 'reason' in change ? change.reason : null,
    meeting: 'meeting' in change ? meetingOf(change.meeting) : null,
    reminder: change.kind === 'meeting-reminder-due' ? { leadMinutes: change.leadMinutes } : null,
    nudge: change.kind === 'nudge-due' ? { ...change.nudge } : null,
    referredTo: change.kind === 'closed' ? change.referredTo : null,
    closedBy: change.kind === 'closed' ? change.closedBy : null,
    flaggedAt: state.flaggedAt.toISOString(),
    openedFor: state.openedFor,
    occurredAt: change.occurredAt.toISOString(),
  };
}

/** The mentor the change is about: the one who declined or let the SLA lapse is no longer on the case. */
function mentorNamedBy(state: CaseRecord, change: CaseChange): string | null {
  if ('mentorId' in change) return change.mentorId ?? state.mentorId;
  return state.mentorId;
}

// Proposed slots carry how well they fit the student, which the contract leaves out; an unknown place is left out too.
function meetingSlot(slot: IsoInterval & MeetingSlot): MeetingSlotV1 {
  const place = slot.mode ? { mode: slot.mode, location: slot.location || null } : {};
  return { start: slot.start, end: slot.end, ...place };
}

function meetingOf(meeting: BookedMeeting): MeetingV1 {
  return { uid: meeting.uid, sequence: meeting.sequence, start: meeting.start, end: meeting.end, mode: meeting.mode, location: meeting.location };
}

function sessionOf(change: Extract<CaseChange, { kind: 'session-logged' }>) {
  return { outcome: change.outcome, occurredAt: change.sessionAt.toISOString(), consecutiveMissed: change.consecutiveMissed };
}
