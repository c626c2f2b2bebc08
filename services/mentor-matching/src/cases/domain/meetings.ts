import type { CaseStatus } from '@mentoring/contracts';
import type { IsoInterval } from '../../shared/time';
import { CaseErrorCode, CaseTransitionError } from './case-errors';
import type { BookedMeeting, CaseChange, CaseTransition, MeetingPlace, MeetingSlot, MentoringCase } from './mentoring-case';

/** A mentor who has not said how they meet is met in person, the place to be agreed. */
export const DEFAULT_MEETING_PLACE: MeetingPlace = { mode: 'in-person', location: '' };

/** The calendar uid of a case's n-th meeting (1-based): stable while it is moved or cancelled, new for the next one. */
export function meetingUid(caseId: string, ordinal: number): string {
  return `case-${caseId}-meeting-${ordinal}@mentoring`;
}

/**
 * The student (or the mentor, or a coordinator) fixes a meeting time in the future. With a meeting
 * already booked this moves it: the same uid at the next sequence, so calendars update the entry.
 */
export function confirmSlot<C extends MentoringCase>(
  current: C,
  slot: IsoInterval,
  now: Date,
  place: MeetingPlace = DEFAULT_MEETING_PLACE,
): CaseTransition<C> {
  requireStatus(current, ['matched', 'active'], 'confirm a slot for');
  if (!isFutureSlot(slot, now)) fail(current, 'INVALID_SLOT', 'A slot needs a valid start in the future and an end after it');
  const booked = current.meeting;
  if (booked && sameInstant(booked.start, slot.start) && sameInstant(booked.end, slot.end)) {
    fail(current, 'MEETING_UNCHANGED', 'The meeting is already booked at this time');
  }
  const times = { start: slot.start, end: slot.end };
  const meeting: BookedMeeting = booked
    ? { ...booked, ...times, ...placeOf(place), sequence: booked.sequence + 1 }
    : { uid: meetingUid(current.id, current.meetingsBooked + 1), sequence: 0, ...times, ...placeOf(place) };
  return {
    // A time agreed is an answer from the student: attempts to reach them start again from zero.
    state: { ...current, confirmedSlot: times, meeting, meetingsBooked: booked ? current.meetingsBooked : current.meetingsBooked + 1, contactAttempts: 0 },
    changes: [{ kind: 'slot-confirmed', occurredAt: now, slot: times, meeting }],
  };
}

/**
 * Calls off the booked meeting: calendars get it at the next sequence as cancelled, and the next
 * booking is a new meeting with a new uid.
 */
export function cancelMeeting<C extends MentoringCase>(current: C, cancellation: { reason?: string | null }, now: Date): CaseTransition<C> {
  requireStatus(current, ['matched', 'active'], 'cancel a meeting of');
  const booked = current.meeting;
  if (!booked) fail(current, 'NO_MEETING', 'No meeting is booked');
  if (Date.parse(booked.start) <= now.getTime()) fail(current, 'MEETING_STARTED', 'A meeting that has begun is logged as a session, not cancelled');
  const meeting = { ...booked, sequence: booked.sequence + 1 };
  return {
    state: { ...current, confirmedSlot: null, meeting: null },
    changes: [{ kind: 'meeting-cancelled', occurredAt: now, meeting, reason: cancellation.reason?.trim() || null, mentorId: null }],
  };
}

export const MENTOR_LEFT_REASON = 'The mentor is no longer on this case';
export const CASE_CLOSED_REASON = 'The mentoring case was closed';

/**
 * A change that takes a future booked meeting away (the case closed, or its mentor left) calls it
 * off in calendars too, at the next sequence, naming the mentor it was with.
 */
export function droppedMeetingCancellations(before: MentoringCase, after: MentoringCase, changes: readonly CaseChange[]): CaseChange[] {
  const meeting = before.meeting;
  const [first] = changes;
  if (!meeting || !first || Date.parse(meeting.start) <= first.occurredAt.getTime()) return [];
  if (changes.some((change) => change.kind === 'meeting-cancelled' || change.kind === 'slot-confirmed')) return [];
  const closed = after.status === 'closed';
  const mentorLeft = after.mentorId !== before.mentorId;
  if (!closed && !mentorLeft) return [];
  return [
    {
      kind: 'meeting-cancelled',
      occurredAt: first.occurredAt,
      meeting: { ...meeting, sequence: meeting.sequence + 1 },
      reason: closed ? CASE_CLOSED_REASON : MENTOR_LEFT_REASON,
      mentorId: before.mentorId,
    },
  ];
}

/** New times put on offer without telling anyone: the student who asked is answered with them directly. */
export function refreshSlots<C extends MentoringCase>(current: C, slots: readonly MeetingSlot[]): CaseTransition<C> {
  requireStatus(current, ['matched', 'active'], 'refresh the slots of');
  return { state: { ...current, proposedSlots: slots }, changes: [] };
}

/** Whether a wanted time can still be booked: `gone` when it has begun or another meeting took it. */
export type SlotAvailability = 'bookable' | 'gone' | 'not-offered';

export interface MentorTimeNow {
  readonly now: Date;
  /** The mentor's free time now (availability minus blocks, leave and their other booked meetings). */
  readonly free: readonly IsoInterval[];
  /** The mentor's other booked meetings. */
  readonly booked: readonly IsoInterval[];
  /** The length of a meeting the mentor offers from their free time. */
  readonly meetingMinutes: number;
}

/**
 * Re-checks a pick against the mentor's time now. A slot proposed on this case (the mentor may
 * have named a time outside their weekly hours) is bookable while it is ahead and clashes with no
 * other booked meeting; any other time must be a meeting-length stretch of the mentor's free time.
 */
export function slotAvailability(wanted: IsoInterval, proposed: readonly IsoInterval[], mentor: MentorTimeNow): SlotAvailability {
  const start = Date.parse(wanted.start);
  const end = Date.parse(wanted.end);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return 'not-offered';
  const wasProposed = proposed.some((slot) => sameInstant(slot.start, wanted.start) && sameInstant(slot.end, wanted.end));
  const meetingLength = end - start === mentor.meetingMinutes * 60_000;
  if (!wasProposed && !meetingLength) return 'not-offered';
  if (start <= mentor.now.getTime()) return 'gone';
  if (mentor.booked.some((meeting) => Date.parse(meeting.start) < end && start < Date.parse(meeting.end))) return 'gone';
  if (wasProposed) return 'bookable';
  // Never free (outside the mentor's hours or the horizon) is not a time taken meanwhile.
  return mentor.free.some((free) => Date.parse(free.start) <= start && end <= Date.parse(free.end)) ? 'bookable' : 'not-offered';
}

/**
 * The times a student is offered now: those chosen for the case that can still be booked, then fresh
 * slots from the mentor's free time (none overlapping them) up to `count`; each with the mentor's
 * place, earliest first. Slots picked at matching time are never carried over: they may be gone.
 */
export function slotsOnOffer(
  stored: readonly MeetingSlot[],
  fresh: readonly IsoInterval[],
  mentor: MentorTimeNow,
  place: MeetingPlace,
  count: number,
): MeetingSlot[] {
  const kept = stored.filter((slot) => slot.keepOnOffer && slotAvailability(slot, stored, mentor) === 'bookable');
  const overlapsKept = (slot: IsoInterval) => kept.some((other) => Date.parse(other.start) < Date.parse(slot.end) && Date.parse(slot.start) < Date.parse(other.end));
  const topUp = fresh.filter((slot) => !overlapsKept(slot)).slice(0, Math.max(0, count - kept.length));
  return [...kept.map((slot) => ({ start: slot.start, end: slot.end, keepOnOffer: true })), ...topUp.map(({ start, end }) => ({ start, end }))]
    .map((slot) => ({ ...slot, mode: place.mode, location: place.location }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** The booked meetings of a mentor's cases other than `exceptCaseId`, as busy time. */
export function otherBookedMeetings(
  cases: ReadonlyArray<{ readonly id: string; readonly confirmedSlot: IsoInterval | null }>,
  exceptCaseId: string,
): IsoInterval[] {
  return cases.flatMap((other) => (other.id !== exceptCaseId && other.confirmedSlot ? [other.confirmedSlot] : []));
}

function placeOf(place: MeetingPlace): MeetingPlace {
  return { mode: place.mode, location: place.location };
}

function isFutureSlot(slot: IsoInterval, now: Date): boolean {
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  return !Number.isNaN(start) && !Number.isNaN(end) && end > start && start > now.getTime();
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

function requireStatus(current: MentoringCase, allowed: readonly CaseStatus[], action: string): void {
  if (allowed.includes(current.status)) return;
  fail(current, current.status === 'closed' ? 'CASE_CLOSED' : 'INVALID_STATUS', `Cannot ${action} a ${current.status} case`);
}

function fail(current: MentoringCase, code: CaseErrorCode, message: string): never {
  throw new CaseTransitionError(code, current.id, message);
}
