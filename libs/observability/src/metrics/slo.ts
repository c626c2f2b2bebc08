import { PIPELINE_METRICS } from './metrics.service';
import { Sample } from './prometheus-text';

/**
 * The product's promises to students as Prometheus metrics. Each is exported by the service that
 * knows it; alert rules, the Grafana dashboard and the console's ops page read these names.
 */
export const SLO_METRICS = {
  /** notification, histogram: the case's flag (the assessment of the grade) to the mentor's offer email accepted by SMTP. */
  flagToMentorNotified: 'mentoring_slo_flag_to_mentor_notified_seconds',
  /** mentor-matching, gauge by `quantile` (0.5, 0.9) over cases flagged in the last 30 days; cases still waiting count with their age so far. */
  flagToFirstContact: 'mentoring_slo_flag_to_first_contact_seconds',
  /** mentor-matching, gauge by `quantile`, as above, to the first meeting held. */
  flagToFirstMeeting: 'mentoring_slo_flag_to_first_meeting_seconds',
  /** mentor-matching, gauge: how long the oldest waitlisted case has waited since its flag (0 when none waits). */
  oldestWaitlistedAge: 'mentoring_slo_oldest_waitlisted_case_age_seconds',
  /** mentor-matching, gauge: answered (accepted or declined) offers among offers answered or expired, over the responsiveness window. */
  offersAnsweredWithinSla: 'mentoring_slo_offers_answered_within_sla_ratio',
  /** every service, counter by `topic` and `reason`: messages dead-lettered. */
  deadLetters: PIPELINE_METRICS.deadLetters,
} as const;

/** The quantiles the duration gauges of mentor-matching report. */
export const SLO_QUANTILES = ['0.5', '0.9'] as const;

/** One promise: its metric, the figure compared with the target, and the target. */
export interface SloDefinition {
  id: string;
  title: string;
  /** `max`: the figure must stay at or under the target; `min`: at or over it. */
  bound: 'max' | 'min';
  target: number;
  unit: 'seconds' | 'ratio' | 'count';
  /** Which service exports it. */
  service: 'notification' | 'mentor-matching' | 'all';
}

const HOUR = 3_600;
const DAY = 24 * HOUR;

/**
 * The targets, shared by the alert rules (infra/prometheus/alerts.yml states the same numbers; a
 * test keeps them equal) and the console's ops page.
 */
export const SLO_TARGETS: readonly SloDefinition[] = [
  { id: 'flag-to-mentor-notified', title: 'Flag to mentor emailed (p90)', bound: 'max', target: 5 * 60, unit: 'seconds', service: 'notification' },
  { id: 'flag-to-first-contact', title: 'Flag to first contact (p90)', bound: 'max', target: 3 * DAY, unit: 'seconds', service: 'mentor-matching' },
  { id: 'flag-to-first-meeting', title: 'Flag to first meeting (p90)', bound: 'max', target: 14 * DAY, unit: 'seconds', service: 'mentor-matching' },
  { id: 'oldest-waitlisted-case', title: 'Oldest waitlisted case', bound: 'max', target: 2 * DAY, unit: 'seconds', service: 'mentor-matching' },
  { id: 'offers-answered-within-sla', title: 'Offers answered within the SLA', bound: 'min', target: 0.9, unit: 'ratio', service: 'mentor-matching' },
  { id: 'dead-letters', title: 'Dead letters waiting', bound: 'max', target: 0, unit: 'count', service: 'all' },
];

/** An SLO's figure now against its target; `current` is null when no service has reported it yet. */
export interface SloStatus extends SloDefinition {
  current: number | null;
  met: boolean | null;
}

/**
 * The SLOs' current figures from one scrape of every service's /metrics. The flag-to-email
 * figure is the histogram's p90 since the services started (the console has no time series);
 * Prometheus alerts on the rate over a window instead.
 */
export function sloStatusOf(samplesByService: Record<string, readonly Sample[]>): SloStatus[] {
  const all = Object.values(samplesByService).flat();
  const gauge = (name: string, labels: Record<string, string> = {}) => {
    const found = all.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
    return found.length === 0 ? null : Math.max(...found.map((sample) => sample.value));
  };
  const figures: Record<string, number | null> = {
    'flag-to-mentor-notified': histogramQuantile(0.9, all.filter((sample) => sample.name === `${SLO_METRICS.flagToMentorNotified}_bucket`)),
    'flag-to-first-contact': gauge(SLO_METRICS.flagToFirstContact, { quantile: '0.9' }),
    'flag-to-first-meeting': gauge(SLO_METRICS.flagToFirstMeeting, { quantile: '0.9' }),
    'oldest-waitlisted-case': gauge(SLO_METRICS.oldestWaitlistedAge),
    'offers-answered-within-sla': gauge(SLO_METRICS.offersAnsweredWithinSla),
    'dead-letters': all.some((sample) => sample.name === PIPELINE_METRICS.deadLettersPending)
      ? all.filter((sample) => sample.name === PIPELINE_METRICS.deadLettersPending).reduce((sum, sample) => sum + sample.value, 0)
      : null,
  };
  return SLO_TARGETS.map((slo) => {
    const current = figures[slo.id] ?? null;
    const met = current === null ? null : slo.bound === 'max' ? current <= slo.target : current >= slo.target;
    return { ...slo, current, met };
  });
}

/**
 * The quantile of a cumulative histogram's buckets (summed over label sets), interpolated within
 * the bucket as Prometheus's histogram_quantile does; null when nothing was observed.
 */
export function histogramQuantile(quantile: number, buckets: readonly Sample[]): number | null {
  const byBound = new Map<number, number>();
  for (const sample of buckets) {
    const bound = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
    byBound.set(bound, (byBound.get(bound) ?? 0) + sample.value);
  }
  const sorted = [...byBound].sort(([a], [b]) => a - b);
  const total = sorted.length > 0 ? sorted[sorted.length - 1][1] : 0;
  if (total === 0) return null;
  const rank = quantile * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Infinity) return previousBound;
      return previousBound + ((bound - previousBound) * (rank - previousCount)) / Math.max(count - previousCount, 1e-9);
    }
    previousBound = bound;
    previousCount = count;
  }
  return previousBound;
}
