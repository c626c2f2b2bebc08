import { instantFromLocalInput, localInputValue } from './local-time';
import { leaveFromRows, parseWeeklyGrid, weeklyGridRows } from './weekly-grid';

describe('the weekly availability grid', () => {
  it('shows each weekday’s windows in time order on one row', () => {
    const rows = weeklyGridRows([
      { weekday: 1, start: '14:00', end: '16:00' },
      { weekday: 1, start: '09:00', end: '11:00' },
      { weekday: 3, start: '08:00', end: '12:30' },
    ]);

    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({ weekday: 1, dayName: 'Monday', windows: '09:00-11:00, 14:00-16:00' });
    expect(rows[1].windows).toBe('');
    expect(rows[2].windows).toBe('08:00-12:30');
  });

  it('reads the rows back, naming every entry that is not a time range', () => {
    const parsed = parseWeeklyGrid({ Monday: '09:00-11:00, 14:00 - 16:00', Tuesday: '', Friday: 'mornings; 10:00-12:00' });

    expect(parsed.windows).toEqual([
      { weekday: 1, start: '09:00', end: '11:00' },
      { weekday: 1, start: '14:00', end: '16:00' },
      { weekday: 5, start: '10:00', end: '12:00' },
    ]);
    expect(parsed.problems).toEqual([{ field: 'Friday', problem: '"mornings" is not a time range such as 09:00-11:30' }]);
  });

  it('keeps leave rows that are filled in and not removed; one day is a period of one day', () => {
    const leave = leaveFromRows([
      { firstDay: '2026-12-20', lastDay: '2027-01-03' },
      { firstDay: '2026-11-30', lastDay: '2026-11-30', remove: 'yes' },
      { firstDay: '2027-02-14', lastDay: '' },
      { firstDay: '', lastDay: '' },
    ]);

    expect(leave).toEqual([
      { firstDay: '2026-12-20', lastDay: '2027-01-03' },
      { firstDay: '2027-02-14', lastDay: '2027-02-14' },
    ]);
  });
});

describe('date-time fields in the mentor’s time zone', () => {
  it('reads a datetime-local value as wall-clock time in the zone', () => {
    expect(instantFromLocalInput('2026-11-24T14:30', 'Asia/Dubai')).toBe('2026-11-24T10:30:00.000Z');
    expect(instantFromLocalInput('yesterday', 'Asia/Dubai')).toBeUndefined();
    expect(instantFromLocalInput(undefined, 'Asia/Dubai')).toBeUndefined();
  });

  it('fills the field with now in the zone', () => {
    expect(localInputValue(new Date('2026-11-24T10:30:45Z'), 'Asia/Dubai')).toBe('2026-11-24T14:30');
  });
});
