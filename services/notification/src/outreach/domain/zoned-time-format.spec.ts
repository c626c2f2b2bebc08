import { formatMeetingTime, formatZonedMoment } from './zoned-time-format';

const meeting = { start: '2026-10-13T06:00:00Z', end: '2026-10-13T06:30:00Z' };

describe('zoned time format', () => {
  it('shows a meeting in the reader zone and regional format, in words', () => {
    expect(formatMeetingTime({ ...meeting, timeZone: 'Asia/Kolkata' }, 'en-GB')).toBe('Tuesday 13 October, 11:30–12:00 (GMT+5:30)');
    expect(formatMeetingTime({ ...meeting, timeZone: 'America/Los_Angeles' }, 'en-US')).toBe('Monday, October 12, 11:00 PM–11:30 PM (PDT)');
  });

  it('shows a moment the same way', () => {
    expect(formatZonedMoment({ at: '2026-10-12T15:00:00Z', timeZone: 'Asia/Dubai' }, 'en-GB')).toBe('Monday 12 October, 19:00 (GST)');
  });

  it('refuses a time zone it cannot show', () => {
    expect(() => formatMeetingTime({ ...meeting, timeZone: 'Nowhere/Land' }, 'en')).toThrow(/Nowhere\/Land/);
  });
});
