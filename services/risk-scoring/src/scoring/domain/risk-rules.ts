import type { RiskLevel } from '@mentoring/contracts';
import type { WindowedGrades } from './grade-window';
import type { RiskPolicySettings } from './risk-policy';
import type { RiskReason, RiskReasonCode, StandingMetrics } from './standing';
import { severityOf } from './standing';
import { roundToHundredths } from './statistics';

/** What every rule sees; `previousCodes` are the reasons of the last standing, for hysteresis. */
export interface RuleInput {
  windowed: WindowedGrades;
  metrics: StandingMetrics;
  policy: RiskPolicySettings;
  previousCodes: ReadonlySet<RiskReasonCode>;
}

export type SignalCode = Exclude<RiskReasonCode, 'improved'>;

/** A reason raised by a rule, as opposed to the `improved` note about the way a level was left. */
export type Signal = RiskReason & { code: SignalCode };

/** The level each signal raises a student to on its own. */
export const LEVEL_OF_SIGNAL: Record<SignalCode, RiskLevel> = {
  'summative-mean-below-urgent': 'urgent',
  'summative-mean-below-at-risk': 'at-risk',
  'summative-mean-below-watch': 'watch',
  'missed-sessions': 'watch',
  'latest-summative-below-pass-mark': 'watch',
  'downward-trend': 'watch',
  'low-formative-mean': 'watch',
  'missed-submissions': 'watch',
};

/** Every signal the policy's rules raise for this input. */
export function evaluateRules(input: RuleInput): Signal[] {
  return [
    summativeMeanSignal(input),
    missedSessionsSignal(input),
    latestSummativeBelowPassMarkSignal(input),
    downwardTrendSignal(input),
    lowFormativeMeanSignal(input),
    missedSubmissionsSignal(input),
  ].filter((reason): reason is Signal => reason !== null);
}

/**
 * A signal raised when `value` goes under `threshold`.
 *
 * Hysteresis: once raised, the signal is only dropped when the value clears the threshold by the
 * margin, so a value hovering around the threshold does not switch it (and the student's level) on
 * and off. The threshold reported is the policy's while the value is under it, and the policy's
 * plus the margin while only hysteresis holds the signal: the value is always under what is
 * reported, and re-assessing the same value reports the same threshold.
 */
function belowThresholdSignal(check: ThresholdCheck): Signal | null {
  const { value, threshold } = check;
  const limit = check.alreadyRaised ? threshold + check.margin : threshold;
  if (value >= limit) return null;
  return {
    code: check.code,
    value,
    threshold: value < threshold ? threshold : limit,
    gradeIds: check.gradeIds,
    summary: check.describe(value, threshold, limit),
  };
}

interface ThresholdCheck {
  code: SignalCode;
  value: number;
  threshold: number;
  alreadyRaised: boolean;
  margin: number;
  gradeIds: string[];
  describe: (value: number, threshold: number, limit: number) => string;
}

interface MeanBand {
  code: SignalCode;
  threshold: number | null;
  line: string;
}

/** Only the most severe band is reported: "under 60%" already says "under 70%". */
function summativeMeanSignal({ windowed, metrics, policy, previousCodes }: RuleInput): Signal | null {
  const mean = metrics.summativeMean;
  if (mean === null || metrics.summativeCount < policy.minSummatives) return null;
  const bands: MeanBand[] = [
    { code: 'summative-mean-below-urgent', threshold: policy.thresholds.urgent, line: 'priority-support line' },
    { code: 'summative-mean-below-at-risk', threshold: policy.thresholds.atRisk, line: 'support threshold' },
    { code: 'summative-mean-below-watch', threshold: policy.thresholds.watch, line: 'watch line' },
  ];
  // Leaving urgent for a milder band also needs the margin, so every band at or below the last one is held.
  const previousBandSeverity = Math.max(0, ...bands.filter((band) => previousCodes.has(band.code)).map(bandSeverity));
  for (const band of bands) {
    if (band.threshold === null) continue;
    const raised = belowThresholdSignal({
      code: band.code,
      value: mean,
      threshold: band.threshold,
      alreadyRaised: previousBandSeverity >= bandSeverity(band),
      margin: policy.hysteresisMargin,
      gradeIds: ids(windowed.summatives),
      describe: underLine(`Summative average over ${metrics.summativeCount} assessments`, band.line),
    });
    if (raised !== null) return raised;
  }
  return null;
}

function bandSeverity(band: MeanBand): number {
  return severityOf(LEVEL_OF_SIGNAL[band.code]);
}

function missedSessionsSignal({ metrics, policy }: RuleInput): Signal | null {
  const rule = policy.missedSessionRule;
  const missed = metrics.consecutiveMissedSessions;
  if (rule === null || missed < rule.consecutive) return null;
  const sessions = missed === 1 ? 'The last mentoring session was' : `The last ${missed} mentoring sessions were`;
  const summary = `${sessions} missed; the meeting times may not suit.`;
  return { code: 'missed-sessions', value: missed, threshold: rule.consecutive, gradeIds: [], summary };
}

function latestSummativeBelowPassMarkSignal({ windowed, policy, previousCodes }: RuleInput): Signal | null {
  const latest = windowed.summatives.at(-1);
  if (latest === undefined) return null;
  return belowThresholdSignal({
    code: 'latest-summative-below-pass-mark',
    value: latest.percentage,
    threshold: policy.passMark,
    alreadyRaised: previousCodes.has('latest-summative-below-pass-mark'),
    margin: policy.hysteresisMargin,
    gradeIds: [latest.gradeId],
    describe: underLine(`The latest summative mark (${latest.courseCode})`, 'pass mark'),
  });
}

/** A fall is a negative change: a fall of more than `minDrop` points is a change under `-minDrop`. */
function downwardTrendSignal({ windowed, metrics, policy, previousCodes }: RuleInput): Signal | null {
  const rule = policy.trendRule;
  if (rule === null || metrics.trendChange === null) return null;
  return belowThresholdSignal({
    code: 'downward-trend',
    value: metrics.trendChange,
    threshold: -rule.minDrop,
    alreadyRaised: previousCodes.has('downward-trend'),
    margin: policy.hysteresisMargin,
    gradeIds: ids(windowed.summatives.slice(-rule.lastK)),
    describe: (change, threshold, limit) => {
      const fall = `Summative marks fell by about ${formatNumber(-change)} points over the last ${rule.lastK} assessments`;
      return change < threshold ? `${fall}.` : `${fall}; this stays noted until the fall is under ${formatNumber(-limit)} points.`;
    },
  });
}

function lowFormativeMeanSignal({ windowed, metrics, policy, previousCodes }: RuleInput): Signal | null {
  const rule = policy.formativeRule;
  if (rule === null || metrics.formativeMean === null || metrics.formativeCount < rule.minFormatives) return null;
  return belowThresholdSignal({
    code: 'low-formative-mean',
    value: metrics.formativeMean,
    threshold: rule.threshold,
    alreadyRaised: previousCodes.has('low-formative-mean'),
    margin: policy.hysteresisMargin,
    gradeIds: ids(windowed.formatives),
    describe: underLine(`Formative (practice) average over ${metrics.formativeCount} assessments`, 'formative threshold'),
  });
}

function missedSubmissionsSignal({ windowed, policy }: RuleInput): Signal | null {
  const rule = policy.missedSubmissionRule;
  const missed = windowed.notSubmittedGradeIds;
  if (rule === null || missed.length < rule.minCount) return null;
  const summary = `${missed.length} assessments in this period are recorded as not submitted.`;
  return { code: 'missed-submissions', value: missed.length, threshold: rule.minCount, gradeIds: [...missed], summary };
}

function ids(grades: ReadonlyArray<{ gradeId: string }>): string[] {
  return grades.map((grade) => grade.gradeId);
}

/** Plain, factual wording for mentors: where a figure stands, never what the student is. */
function underLine(subject: string, line: string): ThresholdCheck['describe'] {
  return (value, threshold, limit) =>
    value < threshold
      ? `${subject} is ${percent(value)}, under the ${percent(threshold)} ${line}.`
      : `${subject} is ${percent(value)}: back above the ${percent(threshold)} ${line}, not yet by the margin (${percent(limit)}) that clears it.`;
}

/** Hundredths, like the values themselves, so a sentence never reads "70%, under the 70% line". */
function formatNumber(value: number): string {
  return String(roundToHundredths(value));
}

function percent(value: number): string {
  return `${formatNumber(value)}%`;
}
