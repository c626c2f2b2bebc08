import { percentile, round, summariseLatencies, throughputOf } from './stats';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('takes the nearest rank, so every percentile is a measured value', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile([10, 20, 30], 0.5)).toBe(20);
  });

  it('stays inside the data at the edges', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('is NaN when nothing was measured', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summariseLatencies', () => {
  it('sorts before ranking and reports the maximum', () => {
    expect(summariseLatencies([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40 });
  });

  it('leaves the caller\'s array as it was', () => {
    const values = [3, 1, 2];
    summariseLatencies(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('reports an empty measurement as count 0 with NaN figures', () => {
    expect(summariseLatencies([])).toEqual({ count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN });
  });
});

describe('throughputOf', () => {
  it('divides the count by the elapsed seconds', () => {
    expect(throughputOf(20_000, 4_000)).toEqual({ count: 20_000, seconds: 4, perSecond: 5_000 });
  });

  it('has no rate without elapsed time', () => {
    expect(throughputOf(10, 0).perSecond).toBeNaN();
  });
});

describe('round', () => {
  it('rounds to the given decimals and keeps NaN', () => {
    expect(round(1.26, 1)).toBe(1.3);
    expect(round(2 / 3, 3)).toBe(0.667);
    expect(round(NaN)).toBeNaN();
  });
});
