import { LatentPerformance, Trajectory } from './model';
import { clamp, Random } from './random';

// The seed study's concern is a minority "consistently below 70%"; a few more slide during the
// term (the downward trend that should raise a watch before the mean drops); most are fine.
const TRAJECTORIES: ReadonlyArray<readonly [Trajectory, number]> = [
  ['steady', 86],
  ['consistently-low', 10],
  ['declining', 4],
];

/** A student's hidden academic profile, from which every mark is drawn. */
export function drawLatentPerformance(random: Random): LatentPerformance {
  const trajectory = random.weightedPick(TRAJECTORIES);
  switch (trajectory) {
    case 'consistently-low':
      return latent(trajectory, clamp(random.normal(61, 4.5), 45, 67), random.normal(0, 2));
    case 'declining':
      return latent(trajectory, clamp(random.normal(81, 4), 74, 92), -clamp(random.normal(18, 4), 12, 28));
    case 'steady':
      return latent(trajectory, clamp(random.normal(82, 6), 74, 97), random.normal(1, 3));
  }
}

function latent(trajectory: Trajectory, ability: number, trendPerTerm: number): LatentPerformance {
  return { trajectory, ability: roundTo(ability, 1), trendPerTerm: roundTo(trendPerTerm, 1) };
}

/** The percentage a student is expected to score at a point of the term (0 = its start, 1 = now). */
export function expectedPercentage(performance: LatentPerformance, termFraction: number): number {
  return performance.ability + performance.trendPerTerm * termFraction;
}

/** Rounds to `decimals` places. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
