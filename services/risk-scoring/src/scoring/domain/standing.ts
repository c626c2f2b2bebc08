import type { RiskLevel } from '@mentoring/contracts';

/** Machine-readable reason codes, in the order reasons are listed in a standing. */
export const RISK_REASON_CODES = [
  'summative-mean-below-urgent',
  'summative-mean-below-at-risk',
  'summative-mean-below-watch',
  'missed-sessions',
  'latest-summative-below-pass-mark',
  'downward-trend',
  'low-formative-mean',
  'missed-submissions',
  'improved',
] as const;
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

/**
 * Why a standing is what it is. Shaped like the contract's RiskReasonV1 so it can be published
 * as is. `summary` is for mentors and coordinators, never for students.
 */
export interface RiskReason {
  code: RiskReasonCode;
  value: number | null;
  /** What the value is under: the policy's threshold, or that plus the margin while hysteresis holds the reason. */
  threshold: number | null;
  gradeIds: string[];
  summary: string;
}

/** The figures behind a standing, for the history view and audits. */
export interface StandingMetrics {
  /** ISO start of the assessment window; null when the window reaches back to the first grade. */
  windowStart: string | null;
  summativeCount: number;
  /** Category-weighted when the policy says so; null without summatives. Rules apply the minimums. */
  summativeMean: number | null;
  formativeCount: number;
  formativeMean: number | null;
  latestSummativePercentage: number | null;
  /** Fitted change in points over the trend rule's last k summatives; null when too few. */
  trendChange: number | null;
  notSubmittedCount: number;
  consecutiveMissedSessions: number;
}

export interface Standing {
  level: RiskLevel;
  reasons: RiskReason[];
  /** Course codes with the lowest means below the at-risk threshold, lowest first. */
  weakCourses: string[];
  metrics: StandingMetrics;
}

/** All that assessing needs from the last standing: what it was and why. */
export type PreviousStanding = Pick<Standing, 'level' | 'reasons'>;

const LEVELS_BY_SEVERITY: readonly RiskLevel[] = ['ok', 'watch', 'at-risk', 'urgent'];

/** Orders levels from ok (0) to urgent (3). */
export function severityOf(level: RiskLevel): number {
  return LEVELS_BY_SEVERITY.indexOf(level);
}

/** The most severe of `levels`; ok when there are none. */
export function mostSevere(levels: readonly RiskLevel[]): RiskLevel {
  return LEVELS_BY_SEVERITY[Math.max(0, ...levels.map(severityOf))];
}
