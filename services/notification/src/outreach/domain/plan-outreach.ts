import type { CaseEventKind, CaseEventV1, CaseParticipantV1, EventEnvelope, MeetingSlotV1, NudgeV1 } from '@mentoring/contracts';
import type { LinkAction, LinkParams } from './links';
import {
  commonVariables,
  MessageOrigin,
  planMessage,
  recipientOf,
  StudentMessageContext,
  studentVariables,
} from './message-building';
import { OutreachError } from './outreach-errors';
import type { CalendarInviteRequest, CalendarMeeting, PlannedMessage, Recipient } from './planned-message';
import {
  CaseSummaryVariables,
  ESCALATION_TEMPLATES,
  MeetingPlace,
  meetingPlace,
  MeetingTime,
  nudgeFlags,
  outcomeFlags,
  PHASE_TEMPLATES,
  phaseFlags,
  StudentMentorVariables,
} from './template-variables';

export interface OutreachContext extends StudentMessageContext {
  /** The coordinators of the case's programme, from the recipient directory. */
  coordinators: readonly Recipient[];
}

interface CaseOutreach {
  event: CaseEventV1;
  origin: MessageOrigin;
  context: OutreachContext;
}

type Planner = (outreach: CaseOutreach) => PlannedMessage[];

function incomplete(outreach: CaseOutreach, field: string): OutreachError {
  const { event } = outreach;
  return new OutreachError('incomplete-case-event', `case-${event.kind} event of case ${event.caseId} has no ${field}`);
}

function requireMentor(outreach: CaseOutreach): CaseParticipantV1 {
  if (!outreach.event.mentor) throw incomplete(outreach, 'mentor');
  return outreach.event.mentor;
}

// The meeting as booked; events that predate `meeting` carry only the confirmed slot.
function requireConfirmedSlot(outreach: CaseOutreach): MeetingSlotV1 {
  const { meeting, confirmedSlot } = outreach.event;
  if (meeting) return meeting;
  if (!confirmedSlot) throw incomplete(outreach, 'confirmedSlot');
  return confirmedSlot;
}

function wasMoved(outreach: CaseOutreach): boolean {
  return (outreach.event.meeting?.sequence ?? 0) > 0;
}

function placeOf(slot: MeetingSlotV1): MeetingPlace | null {
  return meetingPlace(slot.mode, slot.location);
}

// A booking that predates `meeting` is named by its case and start, as its confirmation was.
function calendarMeetingOf(outreach: CaseOutreach): CalendarMeeting {
  const { event } = outreach;
  if (event.meeting) {
    const { uid, sequence, start, end, location } = event.meeting;
    return { uid, sequence, start, end, location };
  }
  const slot = requireConfirmedSlot(outreach);
  return { uid: `${event.caseId}-${Date.parse(slot.start)}`, sequence: 0, start: slot.start, end: slot.end, location: slot.location ?? null };
}

function calendarInvite(outreach: CaseOutreach, otherPartyName: string, manageUrl: string, cancelled: boolean): CalendarInviteRequest {
  return { otherPartyName, meeting: calendarMeetingOf(outreach), place: placeOf(requireConfirmedSlot(outreach)), cancelled, manageUrl };
}

function requireNudge(outreach: CaseOutreach): NudgeV1 {
  if (!outreach.event.nudge) throw incomplete(outreach, 'nudge');
  return outreach.event.nudge;
}

function requireCoordinators(outreach: CaseOutreach, what: string): readonly Recipient[] {
  const { event, context } = outreach;
  if (context.coordinators.length === 0) {
    throw new OutreachError('no-coordinator', `No coordinator to receive the ${what} of case ${event.caseId} (${event.program})`);
  }
  return context.coordinators;
}

function linkFor(outreach: CaseOutreach, recipient: Recipient, action: LinkAction, extra: Partial<LinkParams> = {}): string {
  return outreach.context.linkFor(action, { recipientId: recipient.id, caseId: outreach.event.caseId, ...extra });
}

function meetingTime(slot: MeetingSlotV1, recipient: Recipient): MeetingTime {
  return { start: slot.start, end: slot.end, timeZone: recipient.timeZone };
}

function isSelfReferral(event: CaseEventV1): boolean {
  return event.openedFor === 'self-referral';
}

function student(outreach: CaseOutreach): Recipient {
  return recipientOf(outreach.event.student, 'student');
}

function caseSummary(outreach: CaseOutreach, recipient: Recipient): CaseSummaryVariables {
  const { event, context } = outreach;
  return {
    ...commonVariables(recipient, context),
    studentName: event.student.displayName,
    program: event.program,
    yearOfStudy: event.yearOfStudy,
    caseUrl: linkFor(outreach, recipient, 'open-case'),
  };
}

function studentWithMentor(outreach: CaseOutreach, recipient: Recipient): StudentMentorVariables {
  return {
    ...studentVariables(recipient, outreach.context),
    mentorName: requireMentor(outreach).displayName,
    moreTimesUrl: linkFor(outreach, recipient, 'more-times'),
  };
}

function introduceMentor(outreach: CaseOutreach): PlannedMessage {
  const { event, origin, context } = outreach;
  const recipient = student(outreach);
  const mentor = requireMentor(outreach);
  const moreTimesUrl = linkFor(outreach, recipient, 'more-times');
  const variables = {
    ...studentVariables(recipient, context),
    askedForMentor: isSelfReferral(event),
    mentorName: mentor.displayName,
    slots: event.proposedSlots.map((slot) => ({
      time: meetingTime(slot, recipient),
      pickUrl: linkFor(outreach, recipient, 'pick-slot', { slotStart: slot.start }),
    })),
    moreTimesUrl,
    changeMentorUrl: linkFor(outreach, recipient, 'change-mentor'),
  };
  // A student who already had a mentor hears about a change, not a first hello.
  const template = event.previousMentor ? 'student-new-mentor' : 'student-first-contact';
  return planMessage(template, recipient, variables, origin, context);
}

function offerCaseToMentor(outreach: CaseOutreach, mentor: CaseParticipantV1): PlannedMessage {
  const { event, origin, context } = outreach;
  const recipient = recipientOf(mentor, 'mentor');
  return planMessage(
    'mentor-new-case',
    recipient,
    {
      ...caseSummary(outreach, recipient),
      selfReferral: isSelfReferral(event),
      // A self-referral is about the student's request, not their marks, whatever the event carries.
      reasons: isSelfReferral(event) ? [] : event.reasons.map((reason) => reason.summary),
      focusCourses: isSelfReferral(event) ? [] : event.weakCourses,
      phase: phaseFlags(event.phase),
      slaDeadline: event.slaDeadline ? { at: event.slaDeadline, timeZone: recipient.timeZone } : null,
      acceptUrl: linkFor(outreach, recipient, 'accept-case'),
      declineUrl: linkFor(outreach, recipient, 'decline-case'),
    },
    origin,
    context,
  );
}

function remindMentorToRespond(outreach: CaseOutreach): PlannedMessage {
  const { event, origin, context } = outreach;
  const recipient = recipientOf(requireMentor(outreach), 'mentor');
  return planMessage(
    'mentor-sla-reminder',
    recipient,
    {
      ...caseSummary(outreach, recipient),
      slaDeadline: event.slaDeadline ? { at: event.slaDeadline, timeZone: recipient.timeZone } : null,
      acceptUrl: linkFor(outreach, recipient, 'accept-case'),
      declineUrl: linkFor(outreach, recipient, 'decline-case'),
    },
    origin,
    context,
  );
}

function tellPreviousMentor(outreach: CaseOutreach, previousMentor: CaseParticipantV1): PlannedMessage {
  const recipient = recipientOf(previousMentor, 'mentor');
  return planMessage('mentor-case-reassigned', recipient, caseSummary(outreach, recipient), outreach.origin, outreach.context);
}

function studentMeetingMessage(outreach: CaseOutreach, template: 'student-slot-confirmed' | 'student-meeting-reminder'): PlannedMessage {
  const { origin, context } = outreach;
  const recipient = student(outreach);
  const mentor = requireMentor(outreach);
  const slot = requireConfirmedSlot(outreach);
  const rescheduleUrl = linkFor(outreach, recipient, 'reschedule');
  const variables = {
    ...studentVariables(recipient, context),
    mentorName: mentor.displayName,
    meeting: meetingTime(slot, recipient),
    place: placeOf(slot),
    moved: wasMoved(outreach),
    rescheduleUrl,
  };
  if (template === 'student-slot-confirmed') {
    return planMessage(template, recipient, variables, origin, context, calendarInvite(outreach, mentor.displayName, rescheduleUrl, false));
  }
  // A reminder that could only arrive once the meeting has begun is no reminder.
  return planMessage(template, recipient, variables, origin, context, null, slot.start);
}

function mentorMeetingMessage(outreach: CaseOutreach, template: 'mentor-session-booked' | 'mentor-session-reminder'): PlannedMessage {
  const { event, origin, context } = outreach;
  const recipient = recipientOf(requireMentor(outreach), 'mentor');
  const slot = requireConfirmedSlot(outreach);
  const variables = {
    ...caseSummary(outreach, recipient),
    meeting: meetingTime(slot, recipient),
    place: placeOf(slot),
    moved: wasMoved(outreach),
    phase: phaseFlags(event.phase),
    focusCourses: event.weakCourses,
  };
  if (template === 'mentor-session-booked') {
    return planMessage(template, recipient, variables, origin, context, calendarInvite(outreach, event.student.displayName, variables.caseUrl, false));
  }
  return planMessage(template, recipient, variables, origin, context, null, slot.start);
}

function escalate(outreach: CaseOutreach): PlannedMessage[] {
  const { event, origin, context } = outreach;
  if (!event.escalationReason) throw incomplete(outreach, 'escalationReason');
  // An escalation nobody receives is a dropped case: refuse it loudly so it can be replayed.
  const coordinators = requireCoordinators(outreach, 'escalation');
  const template = ESCALATION_TEMPLATES[event.escalationReason];
  return coordinators.map((coordinator) =>
    planMessage(
      template,
      coordinator,
      {
        ...caseSummary(outreach, coordinator),
        mentorName: event.mentor?.displayName ?? null,
        consecutiveMissed: event.session?.consecutiveMissed ?? null,
      },
      origin,
      context,
    ),
  );
}

function celebrate(outreach: CaseOutreach): PlannedMessage {
  const { event, origin, context } = outreach;
  const recipient = student(outreach);
  return planMessage(
    'student-kudos',
    recipient,
    {
      ...studentVariables(recipient, context),
      mentorName: event.mentor?.displayName ?? null,
      // A closed case books nothing more: the link would open a page saying so.
      moreTimesUrl: event.status === 'closed' ? null : linkFor(outreach, recipient, 'more-times'),
    },
    origin,
    context,
  );
}

// Scoring's note on the move names levels, which even staff messages keep out; the case page has it.
function tellMentorOfProgress(outreach: CaseOutreach): PlannedMessage {
  const recipient = recipientOf(requireMentor(outreach), 'mentor');
  return planMessage('mentor-student-progress', recipient, caseSummary(outreach, recipient), outreach.origin, outreach.context);
}

// New times to choose from, or a nudge to choose one: the pick links are bound to each slot, and
// the "more times" page computes fresh ones when these have passed.
function offerTimes(outreach: CaseOutreach, firstMeeting: boolean): PlannedMessage {
  const { event, origin, context } = outreach;
  const recipient = student(outreach);
  const mentor = requireMentor(outreach);
  const moreTimesUrl = linkFor(outreach, recipient, 'more-times');
  const variables = {
    ...studentVariables(recipient, context),
    mentorName: mentor.displayName,
    slots: event.proposedSlots.map((slot) => ({
      time: meetingTime(slot, recipient),
      pickUrl: linkFor(outreach, recipient, 'pick-slot', { slotStart: slot.start }),
    })),
    moreTimesUrl,
    changeMentorUrl: linkFor(outreach, recipient, 'change-mentor'),
    firstMeeting,
  };
  return planMessage('student-next-meeting', recipient, variables, origin, context);
}

function cancelMeeting(outreach: CaseOutreach): PlannedMessage[] {
  const { event, origin, context } = outreach;
  const mentor = requireMentor(outreach);
  const slot = requireConfirmedSlot(outreach);
  const studentRecipient = student(outreach);
  const mentorRecipient = recipientOf(mentor, 'mentor');
  const moreTimesUrl = linkFor(outreach, studentRecipient, 'more-times');
  // A meeting also goes when the case closes or its mentor leaves (the case is no longer active):
  // then there is nothing to rebook with this mentor.
  const pairGoesOn = event.status === 'active';
  const toStudent = planMessage(
    'student-meeting-cancelled',
    studentRecipient,
    {
      ...studentVariables(studentRecipient, context),
      mentorName: mentor.displayName,
      meeting: meetingTime(slot, studentRecipient),
      rebook: pairGoesOn ? { moreTimesUrl, changeMentorUrl: linkFor(outreach, studentRecipient, 'change-mentor') } : null,
      caseClosed: event.status === 'closed',
    },
    origin,
    context,
    calendarInvite(outreach, mentor.displayName, pairGoesOn ? moreTimesUrl : linkFor(outreach, studentRecipient, 'inbox'), true),
  );
  const mentorSummary = caseSummary(outreach, mentorRecipient);
  const toMentor = planMessage(
    'mentor-meeting-cancelled',
    mentorRecipient,
    { ...mentorSummary, meeting: meetingTime(slot, mentorRecipient), studentInvited: pairGoesOn },
    origin,
    context,
    calendarInvite(outreach, event.student.displayName, mentorSummary.caseUrl, true),
  );
  return [toStudent, toMentor];
}

function remindOfMeeting(outreach: CaseOutreach): PlannedMessage[] {
  return [studentMeetingMessage(outreach, 'student-meeting-reminder'), mentorMeetingMessage(outreach, 'mentor-session-reminder')];
}

function promptMentor(outreach: CaseOutreach, nudge: NudgeV1, studentNudged: boolean): PlannedMessage {
  const recipient = recipientOf(requireMentor(outreach), 'mentor');
  return planMessage(
    'mentor-nudge',
    recipient,
    { ...caseSummary(outreach, recipient), nudge: nudgeFlags(nudge.kind), daysWaiting: nudge.daysWaiting, studentNudged },
    outreach.origin,
    outreach.context,
  );
}

function nudge(outreach: CaseOutreach): PlannedMessage[] {
  const current = requireNudge(outreach);
  const { event, origin, context } = outreach;
  switch (current.audience) {
    case 'student-and-mentor':
      return [offerTimes(outreach, current.kind !== 'cadence-overdue'), promptMentor(outreach, current, true)];
    case 'mentor':
      return [promptMentor(outreach, current, false)];
    case 'coordinator':
      // A stalled pair nobody hears about is the failure this nudge exists for: replay it instead.
      return requireCoordinators(outreach, 'nudge').map((coordinator) =>
        planMessage(
          'coordinator-nudge',
          coordinator,
          {
            ...caseSummary(outreach, coordinator),
            nudge: nudgeFlags(current.kind),
            daysWaiting: current.daysWaiting,
            mentorName: event.mentor?.displayName ?? null,
          },
          origin,
          context,
        ),
      );
  }
}

// A mentor closing a case tells the programme's coordinators how it ended; a case without a
// coordinator still closes, and the student's kudos still go.
function tellCoordinatorsOfClose(outreach: CaseOutreach): PlannedMessage[] {
  const { event, origin, context } = outreach;
  if (event.closedBy !== 'mentor') return [];
  return context.coordinators.map((coordinator) =>
    planMessage(
      'coordinator-case-closed',
      coordinator,
      {
        ...caseSummary(outreach, coordinator),
        mentorName: event.mentor?.displayName ?? null,
        outcomeKnown: Boolean(event.outcome),
        outcome: outcomeFlags(event.outcome),
        referredTo: event.outcome === 'referred' ? (event.referredTo ?? null) : null,
      },
      origin,
      context,
    ),
  );
}

const PLANNERS: Record<CaseEventKind, Planner> = {
  // Nobody is contacted when a case opens: a message before a mentor is there would be a report
  // on marks, and the research says that feels confrontational. The student hears from us once a
  // mentor has said yes.
  opened: () => [],
  matched: (outreach) => [offerCaseToMentor(outreach, requireMentor(outreach))],
  waitlisted: (outreach) => {
    const recipient = student(outreach);
    return [planMessage('student-waitlisted', recipient, studentVariables(recipient, outreach.context), outreach.origin, outreach.context)];
  },
  // Introducing a mentor who has not yet said yes would repeat the "my mentor does not respond"
  // experience; the introduction waits for the acceptance.
  accepted: (outreach) => [introduceMentor(outreach)],
  // The student never heard of a declined match, and matching looks for the next mentor.
  declined: () => [],
  reassigned: (outreach) => {
    const { previousMentor, mentor } = outreach.event;
    return [
      ...(previousMentor ? [tellPreviousMentor(outreach, previousMentor)] : []),
      ...(mentor ? [offerCaseToMentor(outreach, mentor)] : []),
    ];
  },
  'slot-confirmed': (outreach) => [
    studentMeetingMessage(outreach, 'student-slot-confirmed'),
    mentorMeetingMessage(outreach, 'mentor-session-booked'),
  ],
  'reminder-due': (outreach) => {
    const { status, confirmedSlot } = outreach.event;
    if (confirmedSlot) {
      return [studentMeetingMessage(outreach, 'student-meeting-reminder'), mentorMeetingMessage(outreach, 'mentor-session-reminder')];
    }
    return status === 'matched' ? [remindMentorToRespond(outreach)] : [];
  },
  'phase-changed': (outreach) => {
    const recipient = student(outreach);
    const template = PHASE_TEMPLATES[outreach.event.phase];
    return [planMessage(template, recipient, studentWithMentor(outreach, recipient), outreach.origin, outreach.context)];
  },
  'session-logged': (outreach) => {
    if (outreach.event.session?.outcome !== 'missed') return [];
    const recipient = student(outreach);
    return [planMessage('student-missed-session', recipient, studentWithMentor(outreach, recipient), outreach.origin, outreach.context)];
  },
  escalated: escalate,
  closed: (outreach) => [...(outreach.event.outcome === 'improved' ? [celebrate(outreach)] : []), ...tellCoordinatorsOfClose(outreach)],
  // Marks improved while the pair works together: the student hears it from us, and the mentor
  // learns it in time to say so themselves.
  'progress-noted': (outreach) => [celebrate(outreach), tellMentorOfProgress(outreach)],
  'slots-proposed': (outreach) => [offerTimes(outreach, false)],
  // Both hear it and both calendars drop the entry; the event does not say who called it off.
  'meeting-cancelled': cancelMeeting,
  'meeting-reminder-due': remindOfMeeting,
  'nudge-due': nudge,
};

// The first message planned for a person wins: one event never yields two messages to one person
// (a coordinator who is also the mentor, a mentor reassigned to themselves).
function onePerRecipient(messages: PlannedMessage[]): PlannedMessage[] {
  const seen = new Set<string>();
  return messages.filter((message) => {
    if (seen.has(message.recipient.id)) return false;
    seen.add(message.recipient.id);
    return true;
  });
}

/**
 * The messages one case event should produce: whom to tell, with which template and variables.
 * Pure: the caller renders, schedules and delivers them.
 */
export function planOutreach(envelope: EventEnvelope<CaseEventV1>, context: OutreachContext): PlannedMessage[] {
  const event = envelope.data;
  const outreach: CaseOutreach = { event, context, origin: { triggeringEventId: envelope.id, caseId: event.caseId } };
  return onePerRecipient(PLANNERS[event.kind](outreach));
}
