import { buildCalendarInvite, CalendarInviteInput } from './calendar-invite';
import type { CalendarInviteRequest } from './planned-message';

const now = new Date('2026-10-10T09:00:00Z');
const text = {
  summary: "Mentoring chat with Zoë O'Connell; MBBS, year 2",
  description: 'Where: Room 2.14\nPick or change the time here: https://mentoring.example.edu/v1/links/reschedule?token=eyJhY3Rpb24iOiJyZXNjaGVkdWxlIn0',
};
const booked = {
  uid: 'meeting-7f3c@mentoring.example.edu',
  sequence: 0,
  start: '2026-10-13T06:00:00Z',
  end: '2026-10-13T06:30:00Z',
  location: 'Room 2.14, Hamdan Building',
};
const organizer = { name: 'The Student Mentoring Team', email: 'mentoring@mentoring.example.edu' };
const attendee = { name: "Zoë O'Connell", email: 'zoe@students.example.edu' };

function invite(request: Partial<CalendarInviteRequest> = {}, overrides: Partial<CalendarInviteInput> = {}) {
  return buildCalendarInvite({
    request: { otherPartyName: "Zoë O'Connell", meeting: booked, place: null, cancelled: false, manageUrl: 'https://mentoring.example.edu/m', ...request },
    text,
    now,
    uidDomain: 'mentoring.example.edu',
    organizer,
    attendee,
    ...overrides,
  });
}

/** Unfolds RFC 5545 continuation lines, then splits into properties. */
function propertiesOf(content: string): string[] {
  return content.replace(/\r\n[ \t]/g, '').split('\r\n');
}

function valuesOf(content: string, name: string): string[] {
  return propertiesOf(content)
    .filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    .map((line) => line.slice(line.indexOf(':') + 1));
}

function parametersOf(content: string, name: string): string[] {
  return propertiesOf(content)
    .filter((line) => line.startsWith(`${name};`))
    .map((line) => line.slice(name.length + 1, line.indexOf(':')));
}

describe('buildCalendarInvite', () => {
  it('books the meeting as an iTIP REQUEST: its UID and SEQUENCE, where it is, confirmed and blocking the time', () => {
    const { content, filename, contentType } = invite();
    expect(filename).toBe('meeting.ics');
    expect(contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(valuesOf(content, 'METHOD')).toEqual(['REQUEST']);
    expect(valuesOf(content, 'UID')).toEqual([booked.uid]);
    expect(valuesOf(content, 'SEQUENCE')).toEqual(['0']);
    expect(valuesOf(content, 'STATUS')).toEqual(['CONFIRMED']);
    expect(valuesOf(content, 'LOCATION')).toEqual(['Room 2.14\\, Hamdan Building']);
    expect(valuesOf(content, 'DTSTART')).toEqual(['20261013T060000Z']);
    expect(valuesOf(content, 'DTEND')).toEqual(['20261013T063000Z']);
    expect(valuesOf(content, 'DTSTAMP')).toEqual(['20261010T090000Z']);
  });

  it('names the platform as organiser and asks the recipient for no reply', () => {
    const { content } = invite();
    expect(valuesOf(content, 'ORGANIZER')).toEqual([`mailto:${organizer.email}`]);
    expect(valuesOf(content, 'ATTENDEE')).toEqual([`MAILTO:${attendee.email}`]);
    expect(parametersOf(content, 'ATTENDEE')[0]).toContain('RSVP=FALSE');
    expect(valuesOf(invite({}, { attendee: null }).content, 'ATTENDEE')).toEqual([]);
  });

  it('moves a rescheduled meeting: the same UID with a higher SEQUENCE and the new time', () => {
    const moved = invite({ meeting: { ...booked, sequence: 1, start: '2026-10-14T08:00:00Z', end: '2026-10-14T08:30:00Z' } }).content;
    expect(valuesOf(moved, 'METHOD')).toEqual(['REQUEST']);
    expect(valuesOf(moved, 'UID')).toEqual([booked.uid]);
    expect(valuesOf(moved, 'SEQUENCE')).toEqual(['1']);
    expect(valuesOf(moved, 'DTSTART')).toEqual(['20261014T080000Z']);
  });

  it('cancels a meeting with METHOD:CANCEL and STATUS:CANCELLED under the same UID', () => {
    const { content, contentType, filename } = invite({ meeting: { ...booked, sequence: 2 }, cancelled: true });
    expect(filename).toBe('meeting-cancelled.ics');
    expect(contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(valuesOf(content, 'METHOD')).toEqual(['CANCEL']);
    expect(valuesOf(content, 'STATUS')).toEqual(['CANCELLED']);
    expect(valuesOf(content, 'UID')).toEqual([booked.uid]);
    expect(valuesOf(content, 'SEQUENCE')).toEqual(['2']);
  });

  it("gives a UID without a domain the platform's, the same on every rebuild", () => {
    const bare = { ...booked, uid: 'case-7-1791871200000', location: null };
    const uids = valuesOf(invite({ meeting: bare }).content, 'UID');
    expect(uids).toEqual(['case-7-1791871200000@mentoring.example.edu']);
    expect(valuesOf(invite({ meeting: bare }, { now: new Date('2026-10-11T09:00:00Z') }).content, 'UID')).toEqual(uids);
    expect(valuesOf(invite({ meeting: bare }).content, 'LOCATION')).toEqual([]);
  });

  it('escapes text and folds long lines as RFC 5545 requires', () => {
    const { content } = invite();
    expect(valuesOf(content, 'SUMMARY')[0]).toBe("Mentoring chat with Zoë O'Connell\\; MBBS\\, year 2");
    expect(valuesOf(content, 'DESCRIPTION')[0]).toBe(text.description.replace('\n', '\\n'));
    expect(content.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});
