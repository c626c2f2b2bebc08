/** Latency percentiles in milliseconds; `count` 0 means nothing was measured. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
}

/**
 * Nearest-rank percentile of already sorted values: always a value that was measured, so a p99
 * of 100 samples is the 99th slowest one rather than an interpolation between two.
 */
export function percentile(sortedValues: readonly number[], fraction: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sortedValues.length);
  return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1];
}

export function summariseLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : Number.NaN),
  };
}

export function throughputOf(count: number, elapsedMs: number): Throughput {
  const seconds = elapsedMs / 1000;
  return { count, seconds: round(seconds, 3), perSecond: seconds > 0 ? round(count / seconds) : Number.NaN };
}

/** Rounds for reports; NaN (not measured) stays NaN so it can be shown as such. */
export function round(value: number, decimals = 1): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
