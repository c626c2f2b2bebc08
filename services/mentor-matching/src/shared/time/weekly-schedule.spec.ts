import { UtcInterval } from './utc-interval';
import { expandWeeklyWindows, weeklyScheduleProblems } from './weekly-schedule';

const range = (start: string, end: string): UtcInterval => ({ start: Date.parse(start), end: Date.parse(end) });
const iso = (intervals: UtcInterval[]) =>
  intervals.map((i) => `${new Date(i.start).toISOString().slice(0, 16)}/${new Date(i.end).toISOString().slice(11, 16)}`);

describe('expandWeeklyWindows', () => {
  it('keeps a London window at the same local time across the October change from BST to GMT', () => {
    const windows = [
      { weekday: 5, start: '10:00', end: '12:00' },
      { weekday: 1, start: '10:00', end: '12:00' },
    ];
    const result = expandWeeklyWindows(windows, 'Europe/London', range('2025-10-24T00:00Z', '2025-10-28T00:00Z'));
    // Friday is still BST (UTC+1); Monday is GMT (UTC+0).
    expect(iso(result)).toEqual(['2025-10-24T09:00/11:00', '2025-10-27T10:00/12:00']);
  });

  it('never moves an Asia/Dubai window: the zone has no DST', () => {
    const windows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '13:00', end: '15:00' }));
    const result = expandWeeklyWindows(windows, 'Asia/Dubai', range('2025-10-25T00:00Z', '2025-10-28T00:00Z'));
    expect(iso(result)).toEqual(['2025-10-25T09:00/11:00', '2025-10-26T09:00/11:00', '2025-10-27T09:00/11:00']);
  });

  it('follows America/New_York into daylight time in March', () => {
    const windows = [{ weekday: 5, start: '09:00', end: '10:00' }, { weekday: 1, start: '09:00', end: '10:00' }];
    const result = expandWeeklyWindows(windows, 'America/New_York', range('2025-03-07T00:00Z', '2025-03-11T00:00Z'));
    expect(iso(result)).toEqual(['2025-03-07T14:00/15:00', '2025-03-10T13:00/14:00']);
  });

  it('gives a window spanning the spring-forward hour its real length', () => {
    const result = expandWeeklyWindows(
      [{ weekday: 7, start: '01:00', end: '04:00' }],
      'America/New_York',
      range('2025-03-09T00:00Z', '2025-03-10T00:00Z'),
    );
    // 01:00 EST to 04:00 EDT: two real hours, not three.
    expect(iso(result)).toEqual(['2025-03-09T06:00/08:00']);
  });

  it('reads a skipped time with the offset before the change, and a repeated time as its first occurrence', () => {
    const skipped = expandWeeklyWindows(
      [{ weekday: 7, start: '02:30', end: '05:00' }],
      'America/New_York',
      range('2025-03-09T00:00Z', '2025-03-10T00:00Z'),
    );
    expect(iso(skipped)).toEqual(['2025-03-09T07:30/09:00']); // 03:30 EDT to 05:00 EDT
    const repeated = expandWeeklyWindows(
      [{ weekday: 7, start: '01:30', end: '03:00' }],
      'America/New_York',
      range('2025-11-02T00:00Z', '2025-11-03T00:00Z'),
    );
    expect(iso(repeated)).toEqual(['2025-11-02T05:30/08:00']); // 01:30 EDT to 03:00 EST: two and a half hours
  });

  it('runs an overnight window into the next day, including one that began before the range', () => {
    const result = expandWeeklyWindows(
      [{ weekday: 1, start: '22:00', end: '02:00' }],
      'UTC',
      range('2025-10-28T00:00Z', '2025-10-29T00:00Z'),
    );
    expect(iso(result)).toEqual(['2025-10-28T00:00/02:00']);
  });

  it('accepts 24:00 as the end of the day', () => {
    const result = expandWeeklyWindows([{ weekday: 2, start: '20:00', end: '24:00' }], 'UTC', range('2025-10-28T00:00Z', '2025-10-30T00:00Z'));
    expect(iso(result)).toEqual(['2025-10-28T20:00/00:00']);
  });

  it('clips occurrences to the range', () => {
    const result = expandWeeklyWindows([{ weekday: 2, start: '09:00', end: '17:00' }], 'UTC', range('2025-10-28T12:00Z', '2025-10-28T13:00Z'));
    expect(iso(result)).toEqual(['2025-10-28T12:00/13:00']);
  });

  it('refuses an invalid schedule rather than guessing', () => {
    expect(() => expandWeeklyWindows([{ weekday: 8, start: '09:00', end: '10:00' }], 'UTC', range('2025-10-28T00:00Z', '2025-10-29T00:00Z'))).toThrow(
      RangeError,
    );
  });
});

describe('weeklyScheduleProblems', () => {
  it('lists every problem with the field it concerns', () => {
    expect(
      weeklyScheduleProblems(
        [
          { weekday: 0, start: '9:00', end: '10:00' },
          { weekday: 3, start: '10:00', end: '10:00' },
          { weekday: 4, start: '10:00', end: '25:00' },
        ],
        'Mars/Olympus',
      ).map(({ index, field }) => [index, field]),
    ).toEqual([
      [null, 'timeZone'],
      [0, 'weekday'],
      [0, 'start'],
      [1, 'end'],
      [2, 'end'],
    ]);
  });

  it('finds nothing wrong with a valid schedule', () => {
    expect(weeklyScheduleProblems([{ weekday: 7, start: '23:00', end: '01:00' }], 'Asia/Kolkata')).toEqual([]);
  });
});
