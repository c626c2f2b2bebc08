import type { RiskLevel } from '@mentoring/contracts';
import type { EngagementFacts, GradeFact } from './grade-fact';
import { selectWindowedGrades } from './grade-window';
import type { WindowedGrades } from './grade-window';
import type { Signal } from './risk-rules';
import { evaluateRules, LEVEL_OF_SIGNAL } from './risk-rules';
import type { RiskPolicySettings } from './risk-policy';
import type { PreviousStanding, RiskReason, Standing, StandingMetrics } from './standing';
import { mostSevere, RISK_REASON_CODES, severityOf } from './standing';
import { measureStanding } from './standing-metrics';
import { findWeakCourses } from './weak-courses';

export interface StandingInput {
  /** The current value of each of the student's grades (amendments already applied), in any order. */
  grades: readonly GradeFact[];
  engagement: EngagementFacts;
  policy: RiskPolicySettings;
  /** The last standing, whatever policy version produced it; absent for a student never assessed. */
  previous?: PreviousStanding;
  /**
   * Places the academic-year window (UTC). Pass the time of the triggering event rather than the
   * wall clock, so processing the same event again places it in the same academic year.
   */
  now: Date;
  /**
   * True when only the policy changed (a re-score, a preview): a level left then is no progress
   * of the student's, so it is not announced as `improved`.
   */
  policyChangeOnly?: boolean;
}

/** A student's standing: level, the reasons for it, the courses to focus on and the figures behind it. */
export function assessStanding(input: StandingInput): Standing {
  const { policy, previous } = input;
  const windowed = selectWindowedGrades(input.grades, policy, input.now);
  const metrics = measureStanding(windowed, input.engagement, policy);
  const signals = evaluateRules({ windowed, metrics, policy, previousCodes: new Set(previous?.reasons.map((reason) => reason.code)) });
  const level = levelOf(signals, policy);
  const improved = improvedReason(previous, level, windowed, metrics, policy, input.policyChangeOnly ?? false);
  return {
    level,
    reasons: inCodeOrder(improved === null ? signals : [...signals, improved]),
    weakCourses: findWeakCourses([...windowed.summatives, ...windowed.formatives], policy.thresholds.atRisk),
    metrics,
  };
}

function levelOf(signals: readonly Signal[], policy: RiskPolicySettings): RiskLevel {
  const level = mostSevere(signals.map((reason) => LEVEL_OF_SIGNAL[reason.code]));
  const missedSessions = signals.some((reason) => reason.code === 'missed-sessions');
  return level === 'at-risk' && missedSessions && policy.missedSessionRule?.escalatesAtRisk ? 'urgent' : level;
}

/**
 * Leaving at-risk or urgent is news worth a word of encouragement. The reason is added on the way
 * down and carried while the level stays put, so it is announced once and never drops out on its
 * own, which would be a change with nothing behind it.
 */
function improvedReason(
  previous: PreviousStanding | undefined,
  level: RiskLevel,
  windowed: WindowedGrades,
  metrics: StandingMetrics,
  policy: RiskPolicySettings,
  policyChangeOnly: boolean,
): RiskReason | null {
  if (previous === undefined) return null;
  const carried = previous.reasons.find((reason) => reason.code === 'improved');
  if (carried !== undefined && previous.level === level) return carried;
  if (policyChangeOnly) return null;
  const leftSupportLevel = severityOf(previous.level) >= severityOf('at-risk') && severityOf(level) < severityOf(previous.level);
  // A new academic year empties the window; a level that falls for lack of marks is not progress.
  if (!leftSupportLevel || metrics.summativeCount < policy.minSummatives) return null;
  const average = metrics.summativeMean === null ? '' : `, with a summative average of ${metrics.summativeMean}%`;
  return {
    code: 'improved',
    value: metrics.summativeMean,
    threshold: null,
    gradeIds: windowed.summatives.map((grade) => grade.gradeId),
    summary: `Moved from ${previous.level} to ${level}${average}. A good moment to recognise the progress.`,
  };
}

function inCodeOrder(reasons: readonly RiskReason[]): RiskReason[] {
  return [...reasons].sort((a, b) => RISK_REASON_CODES.indexOf(a.code) - RISK_REASON_CODES.indexOf(b.code));
}
