import { createRandom, deriveSeed } from './random';

const draws = (seed: number, count: number) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe('createRandom', () => {
  it('repeats its sequence for the same seed and changes it for another', () => {
    expect(draws(42, 100)).toEqual(draws(42, 100));
    expect(draws(42, 100)).not.toEqual(draws(43, 100));
  });

  it('draws uniformly in [0, 1)', () => {
    const values = draws(1, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('draws whole numbers in an inclusive range, reaching both ends', () => {
    const random = createRandom(7);
    const values = new Set(Array.from({ length: 1000 }, () => random.int(2, 5)));
    expect([...values].sort()).toEqual([2, 3, 4, 5]);
  });

  it('picks by weight and never picks a zero weight', () => {
    const random = createRandom(9);
    const picks = Array.from({ length: 10_000 }, () => random.weightedPick([['a', 3], ['b', 1], ['never', 0]] as const));
    expect(picks.filter((pick) => pick === 'a').length / picks.length).toBeCloseTo(0.75, 1);
    expect(picks).not.toContain('never');
  });

  it('refuses to pick from nothing', () => {
    const random = createRandom(1);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => random.weightedPick([['a', 0]])).toThrow(RangeError);
  });

  it('draws normally distributed values with the asked mean and spread', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 20_000 }, () => random.normal(70, 10));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(70, 0);
    expect(Math.sqrt(variance)).toBeCloseTo(10, 0);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = Array.from({ length: 50 }, (_, index) => index);
    const shuffled = createRandom(5).shuffle(input);
    expect(input).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(shuffled).not.toEqual(input);
  });
});

describe('deriveSeed', () => {
  it('gives each part of a seed its own stream', () => {
    expect(deriveSeed(42, 'students')).toBe(deriveSeed(42, 'students'));
    expect(deriveSeed(42, 'students')).not.toBe(deriveSeed(42, 'mentors'));
    expect(deriveSeed(42, 'students')).not.toBe(deriveSeed(43, 'students'));
  });
});
