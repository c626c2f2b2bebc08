import { buildCalendarInvite, CalendarInviteInput } from './calendar-invite';
import { slots } from './testing/realistic-cases';

const offered = slots(3, '2026-10-13T06:00:00Z');
const now = new Date('2026-10-10T09:00:00Z');
const text = {
  summary: "Mentoring chat with Zoë O'Connell; MBBS, year 2",
  description: 'Pick or change the time here: https://mentoring.example.edu/v1/links/more-times?token=eyJhY3Rpb24iOiJtb3JlLXRpbWVzIn0',
};

function invite(overrides: Partial<CalendarInviteInput['request']> = {}) {
  return buildCalendarInvite({
    request: { caseId: 'case-7', otherPartyName: "Zoë O'Connell", offeredSlots: offered, confirmedSlot: null, manageUrl: 'https://mentoring.example.edu/m', ...overrides },
    text,
    now,
    uidDomain: 'mentoring.example.edu',
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

describe('buildCalendarInvite', () => {
  it('offers each proposed time as a tentative hold that does not block the day', () => {
    const { content, filename, contentType } = invite();
    expect(filename).toBe('meeting-options.ics');
    expect(contentType).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    expect(valuesOf(content, 'METHOD')).toEqual(['PUBLISH']);
    expect(valuesOf(content, 'STATUS')).toEqual(['TENTATIVE', 'TENTATIVE', 'TENTATIVE']);
    expect(valuesOf(content, 'TRANSP')).toEqual(['TRANSPARENT', 'TRANSPARENT', 'TRANSPARENT']);
    expect(valuesOf(content, 'DTSTART')).toEqual(['20261013T060000Z', '20261014T080000Z', '20261015T100000Z']);
    expect(valuesOf(content, 'DTEND')[0]).toBe('20261013T063000Z');
    expect(valuesOf(content, 'SEQUENCE')).toEqual(['0', '0', '0']);
  });

  it('confirms the picked time under the UID of its offer and withdraws the others', () => {
    const offers = valuesOf(invite().content, 'UID');
    const { content, filename } = invite({ confirmedSlot: offered[1] });
    expect(filename).toBe('meeting.ics');
    expect(valuesOf(content, 'UID')).toEqual([offers[1], offers[0], offers[2]]);
    expect(valuesOf(content, 'STATUS')).toEqual(['CONFIRMED', 'CANCELLED', 'CANCELLED']);
    expect(valuesOf(content, 'TRANSP')).toEqual(['OPAQUE', 'TRANSPARENT', 'TRANSPARENT']);
    const sequences = valuesOf(content, 'SEQUENCE').map(Number);
    expect(new Set(sequences).size).toBe(1);
    expect(sequences[0]).toBeGreaterThan(0);
  });

  it('gives UIDs unique to the case and time, stable across rebuilds', () => {
    const uids = valuesOf(invite().content, 'UID');
    expect(new Set(uids).size).toBe(3);
    expect(uids[0]).toBe(`case-7-${Date.parse(offered[0].start)}@mentoring.example.edu`);
    expect(valuesOf(invite().content, 'UID')).toEqual(uids);
  });

  it('escapes text and folds long lines as RFC 5545 requires', () => {
    const { content } = invite();
    expect(valuesOf(content, 'SUMMARY')[0]).toBe("Mentoring chat with Zoë O'Connell\\; MBBS\\, year 2");
    expect(valuesOf(content, 'DESCRIPTION')[0]).toBe(text.description);
    expect(content.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(valuesOf(content, 'DTSTAMP')).toEqual(['20261010T090000Z', '20261010T090000Z', '20261010T090000Z']);
  });
});
