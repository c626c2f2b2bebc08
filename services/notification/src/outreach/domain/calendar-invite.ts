import type { MeetingSlotV1 } from '@mentoring/contracts';
import ical, { ICalCalendarMethod, ICalEventData, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { CalendarInviteRequest } from './planned-message';
import type { RenderedCalendarEntry } from './template-library';

export interface CalendarAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface CalendarInviteInput {
  request: CalendarInviteRequest;
  /** Summary and description, rendered in the recipient's language. */
  text: RenderedCalendarEntry;
  now: Date;
  /** Right-hand side of every UID (e.g. the platform's mail domain), so UIDs are globally unique. */
  uidDomain: string;
}

// PUBLISH, not REQUEST: the booking lives in the platform (the pick and reschedule links), so the
// calendar only mirrors it; a REQUEST would invite RSVP replies to an organiser nobody reads.
const METHOD = ICalCalendarMethod.PUBLISH;

// One UID per case and start time: the confirmation of a time updates the entry its offer created.
function uidOf(caseId: string, slot: MeetingSlotV1, uidDomain: string): string {
  return `${caseId}-${Date.parse(slot.start)}@${uidDomain}`;
}

// Clients apply an update only when its SEQUENCE is higher; minutes since the epoch always are.
function revisionAt(now: Date): number {
  return Math.floor(now.getTime() / 60_000);
}

function sameStart(a: MeetingSlotV1, b: MeetingSlotV1): boolean {
  return Date.parse(a.start) === Date.parse(b.start);
}

function calendarEvents({ request, text, now, uidDomain }: CalendarInviteInput): ICalEventData[] {
  const entry = (slot: MeetingSlotV1, status: ICalEventStatus, sequence: number): ICalEventData => ({
    id: uidOf(request.caseId, slot, uidDomain),
    start: new Date(slot.start),
    end: new Date(slot.end),
    stamp: now,
    sequence,
    status,
    // Offered and withdrawn times are holds, not busy time; only the confirmed meeting blocks the day.
    transparency: status === ICalEventStatus.CONFIRMED ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
    summary: text.summary,
    description: text.description,
    url: request.manageUrl,
  });
  const confirmed = request.confirmedSlot;
  if (!confirmed) return request.offeredSlots.map((slot) => entry(slot, ICalEventStatus.TENTATIVE, 0));
  const revision = revisionAt(now);
  const withdrawn = request.offeredSlots.filter((slot) => !sameStart(slot, confirmed));
  return [entry(confirmed, ICalEventStatus.CONFIRMED, revision), ...withdrawn.map((slot) => entry(slot, ICalEventStatus.CANCELLED, revision))];
}

/**
 * An RFC 5545 calendar for a message: the offered times as tentative holds, or the confirmed
 * time with the other offers withdrawn, all in UTC so no VTIMEZONE is needed.
 */
export function buildCalendarInvite(input: CalendarInviteInput): CalendarAttachment {
  const calendar = ical({
    prodId: { company: 'mentoring-platform', product: 'notification', language: 'EN' },
    method: METHOD,
    events: calendarEvents(input),
  });
  return {
    filename: input.request.confirmedSlot ? 'meeting.ics' : 'meeting-options.ics',
    contentType: `text/calendar; charset=utf-8; method=${METHOD}`,
    content: calendar.toString(),
  };
}
