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
 * Hysteresis: a signal is raised when its value goes under the threshold, but once raised it is
 * only dropped when the value clears the threshold by the margin, so a value hovering around the
 * threshold does not switch the signal (and the student's level) on and off.
 */
export function holdingLimit(threshold: number, alreadyRaised: boolean, margin: number): number {
  return alreadyRaised ? threshold + margin : threshold;
}

/**
 * The threshold to report for a raised signal: the policy's own while the value is under it, the
 * policy's plus the margin while only hysteresis holds the signal. The value is always under what
 * is reported, and re-assessing the same value reports the same threshold.
 */
function thresholdUnder(value: number, threshold: number, limit: number): number {
  return value < threshold ? threshold : limit;
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
    const limit = holdingLimit(band.threshold, previousBandSeverity >= bandSeverity(band), policy.hysteresisMargin);
    if (mean < limit) {
      const subject = `Summative average over ${metrics.summativeCount} assessments`;
      const threshold = thresholdUnder(mean, band.threshold, limit);
      return signal(band.code, mean, threshold, ids(windowed.summatives), belowSentence(subject, mean, band.threshold, limit, band.line));
    }
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
  return signal('missed-sessions', missed, rule.consecutive, [], `${sessions} missed; the meeting times may not suit.`);
}

function latestSummativeBelowPassMarkSignal({ windowed, policy, previousCodes }: RuleInput): Signal | null {
  const latest = windowed.summatives.at(-1);
  if (latest === undefined) return null;
  const code = 'latest-summative-below-pass-mark';
  const limit = holdingLimit(policy.passMark, previousCodes.has(code), policy.hysteresisMargin);
  if (latest.percentage >= limit) return null;
  const subject = `The latest summative mark (${latest.courseCode})`;
  const threshold = thresholdUnder(latest.percentage, policy.passMark, limit);
  return signal(code, latest.percentage, threshold, [latest.gradeId], belowSentence(subject, latest.percentage, policy.passMark, limit, 'pass mark'));
}

/** Values are negative for a fall: a fall of more than `minDrop` points is a drop below `-minDrop`. */
function downwardTrendSignal({ windowed, metrics, policy, previousCodes }: RuleInput): Signal | null {
  const rule = policy.trendRule;
  const change = metrics.trendChange;
  if (rule === null || change === null) return null;
  const code = 'downward-trend';
  const limit = holdingLimit(-rule.minDrop, previousCodes.has(code), policy.hysteresisMargin);
  if (change >= limit) return null;
  const fall = `Summative marks fell by about ${formatNumber(-change)} points over the last ${rule.lastK} assessments`;
  const summary = change < -rule.minDrop ? `${fall}.` : `${fall}; this stays noted until the fall is under ${formatNumber(-limit)} points.`;
  return signal(code, change, thresholdUnder(change, -rule.minDrop, limit), ids(windowed.summatives.slice(-rule.lastK)), summary);
}

function lowFormativeMeanSignal({ windowed, metrics, policy, previousCodes }: RuleInput): Signal | null {
  const rule = policy.formativeRule;
  const mean = metrics.formativeMean;
  if (rule === null || mean === null || metrics.formativeCount < rule.minFormatives) return null;
  const code = 'low-formative-mean';
  const limit = holdingLimit(rule.threshold, previousCodes.has(code), policy.hysteresisMargin);
  if (mean >= limit) return null;
  const subject = `Formative (practice) average over ${metrics.formativeCount} assessments`;
  const threshold = thresholdUnder(mean, rule.threshold, limit);
  return signal(code, mean, threshold, ids(windowed.formatives), belowSentence(subject, mean, rule.threshold, limit, 'formative threshold'));
}

function missedSubmissionsSignal({ windowed, policy }: RuleInput): Signal | null {
  const rule = policy.missedSubmissionRule;
  const missed = windowed.notSubmittedGradeIds;
  if (rule === null || missed.length < rule.minCount) return null;
  const summary = `${missed.length} assessments in this period are recorded as not submitted.`;
  return signal('missed-submissions', missed.length, rule.minCount, [...missed], summary);
}

function signal(code: SignalCode, value: number, threshold: number, gradeIds: string[], summary: string): Signal {
  return { code, value, threshold, gradeIds, summary };
}

function ids(grades: ReadonlyArray<{ gradeId: string }>): string[] {
  return grades.map((grade) => grade.gradeId);
}

/** Plain, factual wording for mentors; it says where the value stands, never what the student is. */
function belowSentence(subject: string, value: number, threshold: number, limit: number, line: string): string {
  if (value < threshold) return `${subject} is ${percent(value)}, under the ${percent(threshold)} ${line}.`;
  return `${subject} is ${percent(value)}: back above the ${percent(threshold)} ${line}, not yet by the margin (${percent(limit)}) that clears it.`;
}

/** Hundredths, like the values themselves, so a sentence never reads "70%, under the 70% line". */
function formatNumber(value: number): string {
  return String(roundToHundredths(value));
}

function percent(value: number): string {
  return `${formatNumber(value)}%`;
}
