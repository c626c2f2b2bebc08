import { formatCountdown, formatDateTime, humanize } from './view-helpers';

describe('view helpers', () => {
  it('formats an instant in the person’s time zone', () => {
    expect(formatDateTime('2026-11-24T14:30:00Z', 'Europe/London')).toBe('Tue 24 Nov, 14:30 GMT');
    expect(formatDateTime('2026-11-24T14:30:00Z', 'Asia/Singapore')).toBe('Tue 24 Nov, 22:30 GMT+8');
    expect(formatDateTime('2026-11-24T14:30:00Z')).toBe('Tue 24 Nov, 14:30 UTC');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('counts down to a deadline and says when it has passed', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(formatCountdown('2026-11-24T13:20:00Z', now)).toBe('in 3 h 20 min');
    expect(formatCountdown('2026-11-26T11:00:00Z', now)).toBe('in 2 d 1 h');
    expect(formatCountdown('2026-11-24T09:45:00Z', now)).toBe('overdue by 15 min');
  });

  it('turns enum values into words', () => {
    expect(humanize('needs-attention')).toBe('Needs attention');
    expect(humanize('awaitingAcceptance')).toBe('Awaiting acceptance');
  });
});
