import {
  availabilityFacts,
  MentorAvailability,
  mentorFreeTime,
  studentPreferredTime,
  studentWakingTime,
} from './availability';
import { isOnLeave, leaveIntervals, UtcInterval } from '../../shared/time';

const range = (start: string, end: string): UtcInterval => ({ start: Date.parse(start), end: Date.parse(end) });
const iso = (intervals: UtcInterval[]) =>
  intervals.map((i) => `${new Date(i.start).toISOString().slice(0, 16)}/${new Date(i.end).toISOString().slice(11, 16)}`);
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

const dubaiMentor: MentorAvailability = {
  timeZone: 'Asia/Dubai',
  weekly: everyDay('13:00', '15:00'),
  blocks: [],
  leave: [],
  bookedMeetings: [],
};

describe('mentorFreeTime', () => {
  it('removes one-off blocks and booked meetings from weekly availability', () => {
    const mentor = {
      ...dubaiMentor,
      blocks: [{ start: '2025-10-27T09:00:00Z', end: '2025-10-27T09:30:00Z' }],
      bookedMeetings: [{ start: '2025-10-28T10:00:00Z', end: '2025-10-28T11:00:00Z' }],
    };
    expect(iso(mentorFreeTime(mentor, range('2025-10-27T00:00Z', '2025-10-29T00:00Z')))).toEqual([
      '2025-10-27T09:30/11:00',
      '2025-10-28T09:00/10:00',
    ]);
  });

  it('removes whole days of leave on the mentor’s own calendar', () => {
    const mentor = { ...dubaiMentor, leave: [{ firstDay: '2025-10-28', lastDay: '2025-10-29' }] };
    expect(iso(mentorFreeTime(mentor, range('2025-10-27T00:00Z', '2025-10-31T00:00Z')))).toEqual([
      '2025-10-27T09:00/11:00',
      '2025-10-30T09:00/11:00',
    ]);
  });
});

describe('leave', () => {
  it('starts and ends at local midnight in the mentor’s zone', () => {
    expect(iso(leaveIntervals([{ firstDay: '2025-10-28', lastDay: '2025-10-28' }], 'Asia/Dubai'))).toEqual([
      '2025-10-27T20:00/20:00',
    ]);
  });

  it('knows whether the mentor is away now', () => {
    const mentor = { timeZone: 'Asia/Dubai', leave: [{ firstDay: '2025-10-28', lastDay: '2025-10-29' }] };
    expect(isOnLeave(mentor, new Date('2025-10-27T19:59:00Z'))).toBe(false);
    expect(isOnLeave(mentor, new Date('2025-10-27T20:00:00Z'))).toBe(true);
    expect(isOnLeave(mentor, new Date('2025-10-29T19:59:00Z'))).toBe(true);
    expect(isOnLeave(mentor, new Date('2025-10-29T20:00:00Z'))).toBe(false);
  });

  it('rejects a period that ends before it starts or is not a date', () => {
    expect(() => leaveIntervals([{ firstDay: '2025-10-29', lastDay: '2025-10-28' }], 'UTC')).toThrow(RangeError);
    expect(() => leaveIntervals([{ firstDay: '2025-02-30', lastDay: '2025-03-01' }], 'UTC')).toThrow(RangeError);
  });
});

describe('student times', () => {
  it('assume weekday daytime in the student’s zone when no preference is given', () => {
    const result = studentPreferredTime({ timeZone: 'Europe/London', weekly: [] }, range('2025-10-25T00:00Z', '2025-10-28T00:00Z'));
    expect(iso(result)).toEqual(['2025-10-27T09:00/18:00']);
  });

  it('give waking hours every day in the student’s zone', () => {
    const result = studentWakingTime({ timeZone: 'America/New_York' }, range('2025-03-08T12:00Z', '2025-03-10T12:00Z'));
    // 08:00-21:00 EST on Saturday, 08:00-21:00 EDT on Sunday.
    expect(iso(result)).toEqual(['2025-03-08T13:00/02:00', '2025-03-09T12:00/01:00']);
  });
});

describe('availabilityFacts: a Dubai mentor and a London student across the October DST change', () => {
  const now = new Date('2025-10-20T00:00:00Z');
  const horizon = range('2025-10-20T00:00Z', '2025-11-03T00:00Z');
  const londonStudent = { timeZone: 'Europe/London', weekly: everyDay('10:00', '12:00') };

  it('sees the overlap shrink from two hours a day to one when London leaves BST', () => {
    const facts = availabilityFacts(mentorFreeTime(dubaiMentor, horizon), studentPreferredTime(londonStudent, horizon), {
      now,
      meetingMinutes: 30,
      minLeadHours: 0,
    });
    // 20-25 Oct: London 10-12 BST = Dubai 13-15 (6 days x 120). 26 Oct - 2 Nov: one hour (8 days x 60).
    expect(facts.bookableOverlapMinutesNext14Days).toBe(6 * 120 + 8 * 60);
    expect(facts.bookableFreeMinutesNext7Days).toBe(7 * 120);
    expect(facts.bookableFreeMinutesNext14Days).toBe(14 * 120);
  });

  it('ignores time before the lead time', () => {
    const facts = availabilityFacts(mentorFreeTime(dubaiMentor, horizon), studentPreferredTime(londonStudent, horizon), {
      now,
      meetingMinutes: 30,
      minLeadHours: 24,
    });
    expect(facts.bookableFreeMinutesNext7Days).toBe(6 * 120);
  });
});
