import { DAY_MS, HOUR_MS } from '../../shared/time';
import { CasePolicy, DEFAULT_CASE_POLICY, MentoringCase } from './mentoring-case';

/** Hours from the flag to the mentor's first contact (acceptance); null until it happens. */
export function flagToFirstContactHours(mentoringCase: Pick<MentoringCase, 'flaggedAt' | 'firstContactAt'>): number | null {
  return hoursBetween(mentoringCase.flaggedAt, mentoringCase.firstContactAt);
}

/** Hours from the flag to the first attended meeting; null until it happens. */
export function flagToFirstMeetingHours(mentoringCase: Pick<MentoringCase, 'flaggedAt' | 'firstMeetingAt'>): number | null {
  return hoursBetween(mentoringCase.flaggedAt, mentoringCase.firstMeetingAt);
}

function hoursBetween(from: Date, to: Date | null): number | null {
  return to ? (to.getTime() - from.getTime()) / HOUR_MS : null;
}

export interface DurationSummary {
  readonly count: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

/** Median and 90th percentile (nearest rank) of measured durations; unmeasured cases are left out. */
export function summariseDurations(hours: readonly (number | null)[]): DurationSummary {
  const measured = hours.filter((value): value is number => value !== null).sort((a, b) => a - b);
  return {
    count: measured.length,
    medianHours: nearestRank(measured, 0.5),
    p90Hours: nearestRank(measured, 0.9),
  };
}

function nearestRank(sorted: readonly number[], quantile: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)];
}

export function cadenceDays(mentoringCase: MentoringCase, policy: CasePolicy = DEFAULT_CASE_POLICY): number {
  return mentoringCase.cadenceDaysOverride ?? policy.cadenceDays[mentoringCase.phase];
}

/**
 * When the next meeting is due under the case's cadence, counted from the last attended meeting
 * (or from acceptance before the first one); null unless the case is active.
 */
export function nextMeetingDueAt(mentoringCase: MentoringCase, policy: CasePolicy = DEFAULT_CASE_POLICY): Date | null {
  const since = mentoringCase.lastMeetingAt ?? mentoringCase.acceptedAt;
  if (mentoringCase.status !== 'active' || !since) return null;
  return new Date(since.getTime() + cadenceDays(mentoringCase, policy) * DAY_MS);
}
