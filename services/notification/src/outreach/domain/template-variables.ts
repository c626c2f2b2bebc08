import type { CaseOutcome, CasePhase, EscalationReason, MeetingMode, NudgeKind } from '@mentoring/contracts';

/** A meeting's start and end, shown in the recipient's own time zone. */
export interface MeetingTime {
  start: string;
  end: string;
  timeZone: string;
}

/** A moment, shown in the recipient's own time zone. */
export interface ZonedMoment {
  at: string;
  timeZone: string;
}

/** How and where a meeting happens; one flag per mode, since Handlebars has no equality test. */
export interface MeetingPlace {
  inPerson: boolean;
  video: boolean;
  phone: boolean;
  /** The room, the video link or the phone number, as the mentor gave it. */
  location: string;
}

export interface SlotChoice {
  time: MeetingTime;
  pickUrl: string;
}

/** Handlebars has no equality test, so a template branches on one flag per phase. */
export type PhaseFlags = Record<'iceBreaking' | 'structuredEngagement' | 'selfDirected', boolean>;

export type EscalationFlags = Record<'noEligibleMentor' | 'slaExpired' | 'repeatedMissedSessions', boolean>;

export interface CommonVariables {
  recipientName: string;
  teamName: string;
  inboxUrl: string;
  preferencesUrl: string;
}

export interface StudentVariables extends CommonVariables {
  wellbeingUrl: string;
}

export interface StudentIntroductionVariables extends StudentVariables {
  /** The student asked for a mentor themself: the introduction answers their request. */
  askedForMentor: boolean;
  mentorName: string;
  slots: SlotChoice[];
  moreTimesUrl: string;
  changeMentorUrl: string;
}

export interface StudentMeetingVariables extends StudentVariables {
  mentorName: string;
  meeting: MeetingTime;
  /** Null when the booking predates meeting places. */
  place: MeetingPlace | null;
  /** The booked meeting was moved to this time (a higher calendar sequence). */
  moved: boolean;
  rescheduleUrl: string;
}

/** New times for the next meeting (or a nudge to pick one); the pick link always computes fresh ones. */
export interface StudentNextMeetingVariables extends StudentVariables {
  mentorName: string;
  slots: SlotChoice[];
  moreTimesUrl: string;
  changeMentorUrl: string;
  /** No meeting has happened yet: the wording says "first chat" rather than "next chat". */
  firstMeeting: boolean;
}

export interface StudentMeetingCancelledVariables extends StudentVariables {
  mentorName: string;
  meeting: MeetingTime;
  /** Only while the pair goes on: a closed case, or a mentor who left, has nothing to rebook. */
  rebook: { moreTimesUrl: string; changeMentorUrl: string } | null;
  caseClosed: boolean;
}

export interface StudentMentorVariables extends StudentVariables {
  mentorName: string;
  moreTimesUrl: string;
}

export interface StudentKudosVariables extends StudentVariables {
  /** A case can close after its mentor has left; the message still celebrates the student. */
  mentorName: string | null;
  /** Null once the case has closed: there is no mentor left to book. */
  moreTimesUrl: string | null;
}

/** A new message in the case thread from the mentor; replying to the email reaches the mentor. */
export interface StudentCaseMessageVariables extends StudentVariables {
  mentorName: string;
  messageText: string;
  threadUrl: string;
}

/** A new message in the case thread from the student; replying to the email reaches the student. */
export interface MentorCaseMessageVariables extends CommonVariables {
  studentName: string;
  messageText: string;
  caseUrl: string;
}

export interface DigestVariables extends CommonVariables {
  items: { subject: string }[];
}

export interface CaseSummaryVariables extends CommonVariables {
  studentName: string;
  program: string;
  yearOfStudy: number;
  caseUrl: string;
}

export interface MentorNewCaseVariables extends CaseSummaryVariables {
  /** The student asked for a mentor themself: no reasons or focus courses, never a word on marks. */
  selfReferral: boolean;
  reasons: string[];
  focusCourses: string[];
  phase: PhaseFlags;
  slaDeadline: ZonedMoment | null;
  acceptUrl: string;
  declineUrl: string;
}

export interface MentorSlaReminderVariables extends CaseSummaryVariables {
  slaDeadline: ZonedMoment | null;
  acceptUrl: string;
  declineUrl: string;
}

export interface MentorMeetingVariables extends CaseSummaryVariables {
  meeting: MeetingTime;
  place: MeetingPlace | null;
  moved: boolean;
  phase: PhaseFlags;
  focusCourses: string[];
}

export interface MentorMeetingCancelledVariables extends CaseSummaryVariables {
  meeting: MeetingTime;
  /** The student was asked to pick a new time (the pair goes on). */
  studentInvited: boolean;
}

export type NudgeFlags = Record<'notBooked' | 'noFirstMeeting' | 'cadenceOverdue', boolean>;

export interface MentorNudgeVariables extends CaseSummaryVariables {
  nudge: NudgeFlags;
  daysWaiting: number;
  /** The student was nudged by the same event, so the mentor can be told so. */
  studentNudged: boolean;
}

export interface CoordinatorNudgeVariables extends CaseSummaryVariables {
  nudge: NudgeFlags;
  daysWaiting: number;
  mentorName: string | null;
}

export type OutcomeFlags = Record<'met' | 'improved' | 'referred' | 'declinedByStudent' | 'unreachable', boolean>;

export interface CoordinatorCaseClosedVariables extends CaseSummaryVariables {
  mentorName: string | null;
  outcomeKnown: boolean;
  outcome: OutcomeFlags;
  referredTo: string | null;
}

export interface CoordinatorEscalationVariables extends CaseSummaryVariables {
  mentorName: string | null;
  consecutiveMissed: number | null;
}

export interface PendingEscalation {
  studentName: string;
  program: string;
  yearOfStudy: number;
  reason: EscalationFlags;
  escalatedAt: ZonedMoment;
  caseUrl: string;
}

export interface CoordinatorDigestVariables extends CommonVariables {
  escalations: PendingEscalation[];
  escalationsUrl: string;
}

/** What the calendar entry for a meeting says; one text serves offered and confirmed times. */
export interface CalendarEntryVariables {
  otherPartyName: string;
  place: MeetingPlace | null;
  manageUrl: string;
}

/** Every message template and the variables it renders. */
export interface TemplateVariables {
  'student-first-contact': StudentIntroductionVariables;
  'student-new-mentor': StudentIntroductionVariables;
  'student-waitlisted': StudentVariables;
  'student-slot-confirmed': StudentMeetingVariables;
  'student-meeting-reminder': StudentMeetingVariables;
  'student-missed-session': StudentMentorVariables;
  'student-phase-ice-breaking': StudentMentorVariables;
  'student-phase-structured-engagement': StudentMentorVariables;
  'student-phase-self-directed': StudentMentorVariables;
  'student-kudos': StudentKudosVariables;
  'student-next-meeting': StudentNextMeetingVariables;
  'student-meeting-cancelled': StudentMeetingCancelledVariables;
  digest: DigestVariables;
  'mentor-new-case': MentorNewCaseVariables;
  'mentor-sla-reminder': MentorSlaReminderVariables;
  'mentor-case-reassigned': CaseSummaryVariables;
  'mentor-student-progress': CaseSummaryVariables;
  'mentor-session-booked': MentorMeetingVariables;
  'mentor-session-reminder': MentorMeetingVariables;
  'mentor-meeting-cancelled': MentorMeetingCancelledVariables;
  'mentor-nudge': MentorNudgeVariables;
  'coordinator-nudge': CoordinatorNudgeVariables;
  'coordinator-case-closed': CoordinatorCaseClosedVariables;
  'coordinator-escalation-no-eligible-mentor': CoordinatorEscalationVariables;
  'coordinator-escalation-sla-expired': CoordinatorEscalationVariables;
  'coordinator-escalation-repeated-missed-sessions': CoordinatorEscalationVariables;
  'coordinator-digest': CoordinatorDigestVariables;
  'coordinator-student-unreachable': CaseSummaryVariables;
  'student-case-message': StudentCaseMessageVariables;
  'mentor-case-message': MentorCaseMessageVariables;
}

export type TemplateName = keyof TemplateVariables;

// A record rather than an array, so the compiler proves every template is listed exactly once.
const TEMPLATE_NAME_SET: Record<TemplateName, true> = {
  'student-first-contact': true,
  'student-new-mentor': true,
  'student-waitlisted': true,
  'student-slot-confirmed': true,
  'student-meeting-reminder': true,
  'student-missed-session': true,
  'student-phase-ice-breaking': true,
  'student-phase-structured-engagement': true,
  'student-phase-self-directed': true,
  'student-kudos': true,
  'student-next-meeting': true,
  'student-meeting-cancelled': true,
  digest: true,
  'mentor-new-case': true,
  'mentor-sla-reminder': true,
  'mentor-case-reassigned': true,
  'mentor-student-progress': true,
  'mentor-session-booked': true,
  'mentor-session-reminder': true,
  'mentor-meeting-cancelled': true,
  'mentor-nudge': true,
  'coordinator-nudge': true,
  'coordinator-case-closed': true,
  'coordinator-escalation-no-eligible-mentor': true,
  'coordinator-escalation-sla-expired': true,
  'coordinator-escalation-repeated-missed-sessions': true,
  'coordinator-digest': true,
  'coordinator-student-unreachable': true,
  'student-case-message': true,
  'mentor-case-message': true,
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATE_NAME_SET) as readonly TemplateName[];

/** The calendar entry is rendered from its own template folder, with `summary` and `description` parts. */
export const CALENDAR_ENTRY_TEMPLATE = 'calendar-entry';

export type PhaseTemplateName = `student-phase-${CasePhase}`;

export const PHASE_TEMPLATES: Record<CasePhase, PhaseTemplateName> = {
  'ice-breaking': 'student-phase-ice-breaking',
  'structured-engagement': 'student-phase-structured-engagement',
  'self-directed': 'student-phase-self-directed',
};

export type EscalationTemplateName = `coordinator-escalation-${EscalationReason}`;

export const ESCALATION_TEMPLATES: Record<EscalationReason, EscalationTemplateName> = {
  'no-eligible-mentor': 'coordinator-escalation-no-eligible-mentor',
  'sla-expired': 'coordinator-escalation-sla-expired',
  'repeated-missed-sessions': 'coordinator-escalation-repeated-missed-sessions',
};

export function phaseFlags(phase: CasePhase): PhaseFlags {
  return {
    iceBreaking: phase === 'ice-breaking',
    structuredEngagement: phase === 'structured-engagement',
    selfDirected: phase === 'self-directed',
  };
}

export function escalationFlags(reason: EscalationReason): EscalationFlags {
  return {
    noEligibleMentor: reason === 'no-eligible-mentor',
    slaExpired: reason === 'sla-expired',
    repeatedMissedSessions: reason === 'repeated-missed-sessions',
  };
}

export function nudgeFlags(kind: NudgeKind): NudgeFlags {
  return {
    notBooked: kind === 'not-booked',
    noFirstMeeting: kind === 'no-first-meeting',
    cadenceOverdue: kind === 'cadence-overdue',
  };
}

export function outcomeFlags(outcome: CaseOutcome | null | undefined): OutcomeFlags {
  return {
    met: outcome === 'met',
    improved: outcome === 'improved',
    referred: outcome === 'referred',
    declinedByStudent: outcome === 'declined-by-student',
    unreachable: outcome === 'unreachable',
  };
}

export function meetingPlace(mode: MeetingMode | null | undefined, location: string | null | undefined): MeetingPlace | null {
  if (!mode || !location) return null;
  return { inPerson: mode === 'in-person', video: mode === 'video', phone: mode === 'phone', location };
}
