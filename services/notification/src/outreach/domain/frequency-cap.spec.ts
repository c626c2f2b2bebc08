import { isOverFrequencyCap, nextCapacityAt } from './frequency-cap';

const now = new Date('2026-10-12T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('frequency cap', () => {
  const sent = [hoursAgo(30), hoursAgo(20), hoursAgo(5), hoursAgo(1)];

  it('counts only the rolling 24 hours', () => {
    expect(isOverFrequencyCap(sent, now, 4)).toBe(false);
    expect(isOverFrequencyCap(sent, now, 3)).toBe(true);
    expect(isOverFrequencyCap(sent, now, null)).toBe(false);
  });

  it('finds when the window next has room', () => {
    expect(nextCapacityAt(sent, now, 4)).toBe(now);
    expect(nextCapacityAt(sent, now, 3).toISOString()).toBe('2026-10-12T16:00:00.000Z');
    expect(nextCapacityAt(sent, now, 2).toISOString()).toBe('2026-10-13T07:00:00.000Z');
  });

  it('rejects a cap that would silence a recipient', () => {
    expect(() => isOverFrequencyCap(sent, now, 0)).toThrow(/at least 1/);
    expect(() => isOverFrequencyCap(sent, now, 1.5)).toThrow(/whole number/);
  });
});
