import { mentorFreeTime, studentPreferredTime, studentWakingTime } from './availability';
import { proposeSlots } from './slot-proposal';
import { horizonFrom, UtcInterval } from '../../shared/time';

const span = (start: string, end: string): UtcInterval => ({ start: Date.parse(start), end: Date.parse(end) });
const starts = (proposal: ReturnType<typeof proposeSlots>) => proposal.slots.map((slot) => slot.start.slice(0, 16));
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

describe('proposeSlots', () => {
  const now = new Date('2025-10-26T12:00:00Z'); // a Sunday

  it('offers three 30-minute slots inside the overlap, on three different days', () => {
    const mentorFree = [span('2025-10-27T09:00Z', '2025-10-27T12:00Z'), span('2025-10-28T09:00Z', '2025-10-28T12:00Z'), span('2025-10-29T09:00Z', '2025-10-29T12:00Z')];
    const preferred = [span('2025-10-27T10:00Z', '2025-10-27T11:00Z'), span('2025-10-28T10:00Z', '2025-10-28T11:00Z'), span('2025-10-29T11:00Z', '2025-10-29T18:00Z')];
    const proposal = proposeSlots(mentorFree, preferred, { now, minLeadHours: 0 });
    expect(starts(proposal)).toEqual(['2025-10-27T10:00', '2025-10-28T10:00', '2025-10-29T11:00']);
    expect(proposal.slots.every((slot) => slot.fit === 'preferred')).toBe(true);
    expect(proposal.slots[0].end).toBe('2025-10-27T10:30:00.000Z');
    expect(proposal.outsidePreferences).toBe(false);
  });

  it('stays inside the preferences on one day rather than spreading outside them', () => {
    const mentorFree = [span('2025-10-27T09:00Z', '2025-10-27T17:00Z'), span('2025-10-28T09:00Z', '2025-10-28T17:00Z')];
    const preferred = [span('2025-10-27T13:00Z', '2025-10-27T15:00Z')];
    const proposal = proposeSlots(mentorFree, preferred, { now, minLeadHours: 0 });
    expect(starts(proposal)).toEqual(['2025-10-27T13:00', '2025-10-27T13:30', '2025-10-27T14:00']);
    expect(proposal.outsidePreferences).toBe(false);
  });

  it('falls back to the student’s waking hours, then to any free time, and says so', () => {
    const mentorFree = [span('2025-10-27T03:00Z', '2025-10-27T03:30Z'), span('2025-10-28T09:00Z', '2025-10-28T09:30Z')];
    const waking = [span('2025-10-28T08:00Z', '2025-10-28T21:00Z')];
    const proposal = proposeSlots(mentorFree, [], { now, minLeadHours: 0, studentWaking: waking });
    expect(proposal.slots.map((slot) => [slot.start.slice(0, 16), slot.fit])).toEqual([
      ['2025-10-27T03:00', 'any-free-time'],
      ['2025-10-28T09:00', 'waking-hours'],
    ]);
    expect(proposal.outsidePreferences).toBe(true);
  });

  it('respects the lead time and the horizon', () => {
    const mentorFree = [span('2025-10-26T13:00Z', '2025-10-26T17:00Z'), span('2025-11-20T09:00Z', '2025-11-20T10:00Z')];
    const proposal = proposeSlots(mentorFree, mentorFree, { now, minLeadHours: 3 });
    expect(starts(proposal)).toEqual(['2025-10-26T15:00', '2025-10-26T15:30', '2025-10-26T16:00']);
  });

  it('starts slots on a quarter-hour grid', () => {
    const proposal = proposeSlots([span('2025-10-27T09:07Z', '2025-10-27T10:00Z')], [], { now, minLeadHours: 0, count: 1 });
    expect(starts(proposal)).toEqual(['2025-10-27T09:15']);
  });

  it('returns no slots when the mentor has no time long enough for a meeting', () => {
    const proposal = proposeSlots([span('2025-10-27T09:00Z', '2025-10-27T09:20Z')], [], { now, minLeadHours: 0 });
    expect(proposal).toEqual({ slots: [], outsidePreferences: false });
  });

  it('spreads over the student’s calendar days, not UTC days', () => {
    const mentorFree = [
      span('2025-10-27T10:00Z', '2025-10-27T10:30Z'), // Tokyo Monday 19:00
      span('2025-10-27T16:00Z', '2025-10-27T16:30Z'), // Tokyo Tuesday 01:00
      span('2025-10-28T00:00Z', '2025-10-28T00:30Z'), // Tokyo Tuesday 09:00
    ];
    const tokyo = proposeSlots(mentorFree, mentorFree, { now, minLeadHours: 0, count: 2, dayZone: 'Asia/Tokyo' });
    const utc = proposeSlots(mentorFree, mentorFree, { now, minLeadHours: 0, count: 2 });
    expect(starts(tokyo)).toEqual(['2025-10-27T10:00', '2025-10-27T16:00']);
    expect(starts(utc)).toEqual(['2025-10-27T10:00', '2025-10-28T00:00']);
  });

  it('finds slots between a Dubai mentor and a New York student across the March DST change', () => {
    const march = new Date('2025-03-06T00:00:00Z');
    const horizon = horizonFrom(march, 14);
    const mentor = { timeZone: 'Asia/Dubai', weekly: everyDay('17:00', '20:00'), blocks: [], leave: [], bookedMeetings: [] };
    const student = { timeZone: 'America/New_York', weekly: weekdays('09:00', '11:00') };
    const proposal = proposeSlots(mentorFreeTime(mentor, horizon), studentPreferredTime(student, horizon), {
      now: march,
      dayZone: student.timeZone,
      studentWaking: studentWakingTime(student, horizon),
    });
    // 09:00 EST is 14:00Z on Friday; from Monday it is 09:00 EDT, 13:00Z (Dubai 17:00, the start of the mentor's window).
    expect(starts(proposal)).toEqual(['2025-03-07T14:00', '2025-03-10T13:00', '2025-03-11T13:00']);
    expect(proposal.outsidePreferences).toBe(false);
  });
});
