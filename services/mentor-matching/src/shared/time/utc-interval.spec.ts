import fc from 'fast-check';
import {
  bookableMinutes,
  fromIsoInterval,
  horizonFrom,
  intersectIntervals,
  mergeIntervals,
  overlapMinutes,
  subtractIntervals,
  toIsoInterval,
  totalMinutes,
  UtcInterval,
} from './utc-interval';

const m = (minutes: number) => minutes * 60_000;
const span = (start: number, end: number): UtcInterval => ({ start: m(start), end: m(end) });

describe('utc intervals', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(mergeIntervals([span(30, 40), span(0, 10), span(10, 20), span(35, 50), span(60, 60)])).toEqual([
      span(0, 20),
      span(30, 50),
    ]);
  });

  it('intersects two lists', () => {
    expect(intersectIntervals([span(0, 60), span(120, 180)], [span(30, 150)])).toEqual([span(30, 60), span(120, 150)]);
  });

  it('subtracts busy time, splitting free time around it', () => {
    expect(subtractIntervals([span(0, 120)], [span(30, 45), span(60, 70), span(110, 200)])).toEqual([
      span(0, 30),
      span(45, 60),
      span(70, 110),
    ]);
  });

  it('counts overlap minutes, and only stretches long enough for a meeting as bookable', () => {
    expect(overlapMinutes([span(0, 60)], [span(30, 120)])).toBe(30);
    expect(bookableMinutes([span(0, 20), span(40, 100)], 30)).toBe(60);
  });

  it('round-trips ISO intervals and rejects empty or unparsable ones', () => {
    const iso = { start: '2025-10-27T09:00:00.000Z', end: '2025-10-27T09:30:00.000Z' };
    expect(toIsoInterval(fromIsoInterval(iso))).toEqual(iso);
    expect(() => fromIsoInterval({ start: iso.end, end: iso.start })).toThrow(RangeError);
    expect(() => fromIsoInterval({ start: 'soon', end: iso.end })).toThrow(RangeError);
  });

  it('builds a horizon after a lead time', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(horizonFrom(now, 7, 24)).toEqual({ start: Date.parse('2025-01-02T00:00:00Z'), end: Date.parse('2025-01-08T00:00:00Z') });
  });

  describe('agree with minute-by-minute counting', () => {
    const intervals = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 })).map(([start, length]) => span(start, start + length)),
      { maxLength: 8 },
    );
    const covered = (list: UtcInterval[], minute: number) => list.some((i) => i.start <= m(minute) && m(minute) < i.end);
    const count = (predicate: (minute: number) => boolean) => Array.from({ length: 261 }, (_, minute) => minute).filter(predicate).length;

    it('for overlap', () => {
      fc.assert(
        fc.property(intervals, intervals, (a, b) => {
          expect(overlapMinutes(a, b)).toBe(count((minute) => covered(a, minute) && covered(b, minute)));
        }),
      );
    });

    it('for subtraction', () => {
      fc.assert(
        fc.property(intervals, intervals, (a, b) => {
          expect(totalMinutes(subtractIntervals(a, b))).toBe(count((minute) => covered(a, minute) && !covered(b, minute)));
        }),
      );
    });
  });
});
