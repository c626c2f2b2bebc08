/** A seeded source of randomness: the same seed always yields the same sequence. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  chance(probability: number): boolean;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weightedPick<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** Normally distributed (Box-Muller). */
  normal(mean: number, standardDeviation: number): number;
  /** A shuffled copy; the input is left as it is. */
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: 32 bits of state, fast, and good enough for synthetic data (not for secrets). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for one named part of the cohort (FNV-1a of the name mixed with the seed), so that
 * asking for more students does not change the mentors or the courses drawn from the same seed.
 */
export function deriveSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of name) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  }
  return hash >>> 0;
}

/** A Random drawing from mulberry32 seeded with `seed`. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[int(0, items.length - 1)];
  };
  return {
    next,
    chance: (probability) => next() < probability,
    int,
    pick,
    weightedPick: (entries) => weightedPick(entries, next()),
    // 1 - next() lies in (0, 1], so the logarithm stays finite.
    normal: (mean, standardDeviation) =>
      mean + standardDeviation * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

function weightedPick<T>(entries: ReadonlyArray<readonly [T, number]>, draw: number): T {
  const positive = entries.filter(([, weight]) => weight > 0);
  if (positive.length === 0) throw new RangeError('weightedPick needs at least one positive weight');
  let remaining = draw * positive.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [item, weight] of positive) {
    remaining -= weight;
    if (remaining < 0) return item;
  }
  // Floating-point rounding can leave a sliver at the very end.
  return positive[positive.length - 1][0];
}

/** Clamps `value` into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
