import ical, { ICalAttendeeData, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarInviteRequest } from './planned-message';
import type { RenderedCalendarEntry } from './template-library';

export interface CalendarAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarInviteInput {
  request: CalendarInviteRequest;
  /** Summary and description, rendered in the recipient's language. */
  text: RenderedCalendarEntry;
  now: Date;
  /** Right-hand side of a UID that has none (e.g. the platform's mail domain), so UIDs are globally unique. */
  uidDomain: string;
  /** iTIP requires an organiser on a REQUEST or CANCEL: the platform's own address. */
  organizer: CalendarPerson;
  /** The person the message goes to; without an address the entry names nobody. */
  attendee: CalendarPerson | null;
}

// A meeting's UID names it for its whole life; one without a domain gets the platform's.
export function calendarUid(uid: string, uidDomain: string): string {
  return uid.includes('@') ? uid : `${uid}@${uidDomain}`;
}

// No replies are asked for: the booking lives in the platform (its reschedule and cancel links),
// and nobody reads RSVPs sent to the organiser's address.
function attendeeOf(person: CalendarPerson | null, cancelled: boolean): ICalAttendeeData[] {
  if (!person) return [];
  return [
    {
      name: person.name,
      email: person.email,
      role: ICalAttendeeRole.REQ,
      rsvp: false,
      status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
    },
  ];
}

/**
 * An RFC 5545 / iTIP calendar for a booked meeting, in UTC so no VTIMEZONE is needed: a REQUEST
 * that adds it (or, with the same UID and a higher SEQUENCE, moves it), or a CANCEL that removes it.
 */
export function buildCalendarInvite({ request, text, now, uidDomain, organizer, attendee }: CalendarInviteInput): CalendarAttachment {
  const { meeting, cancelled } = request;
  const method = cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({
    prodId: { company: 'mentoring-platform', product: 'notification', language: 'EN' },
    method,
    events: [
      {
        id: calendarUid(meeting.uid, uidDomain),
        sequence: meeting.sequence,
        start: new Date(meeting.start),
        end: new Date(meeting.end),
        stamp: now,
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        summary: text.summary,
        description: text.description,
        location: meeting.location,
        url: request.manageUrl,
        organizer,
        attendees: attendeeOf(attendee, cancelled),
      },
    ],
  });
  return {
    filename: cancelled ? 'meeting-cancelled.ics' : 'meeting.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: calendar.toString(),
  };
}
