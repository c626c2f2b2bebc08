/** Rounds to two decimals, the precision grades.recorded.v1 carries percentages in. */
export function roundToHundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Arithmetic mean, or null for no values. The values are summed in sorted order so that the
 * floating-point result, and so a level decided at a threshold, never depends on arrival order.
 */
export function orderIndependentMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return sortedSum(values) / values.length;
}

function sortedSum(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b).reduce((total, value) => total + value, 0);
}

/** Mean of each group's own mean weighted by the group's weight; empty or weight-0 groups drop out. */
export function weightedMeanOfGroups(groups: ReadonlyArray<{ values: readonly number[]; weight: number }>): number | null {
  const weighted = groups
    .map((group) => ({ mean: orderIndependentMean(group.values), weight: group.weight }))
    .filter((group): group is { mean: number; weight: number } => group.mean !== null && group.weight > 0);
  if (weighted.length === 0) return null;
  return sortedSum(weighted.map((group) => group.mean * group.weight)) / sortedSum(weighted.map((group) => group.weight));
}

/**
 * Change from first to last point of the least-squares line through `values` taken at equal steps.
 * Steps rather than dates because a course's assessment calendar, not the student, sets the gaps.
 */
export function fittedChange(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((total, value) => total + value, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  values.forEach((value, x) => {
    covariance += (x - meanX) * (value - meanY);
    varianceX += (x - meanX) ** 2;
  });
  return (covariance / varianceX) * (n - 1);
}
