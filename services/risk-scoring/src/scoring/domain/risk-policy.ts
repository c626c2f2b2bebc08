/**
 * Which grades make up "the current window": the student's last `count` counting summatives (and
 * everything graded since the first of them), or the academic year that contains `now`, starting
 * on the first day of `startMonth` (1-12, UTC).
 */
export type AssessmentWindow =
  | { kind: 'last-n'; count: number }
  | { kind: 'academic-year'; startMonth: number };

/** Summative-mean percentages under which a level is entered. */
export interface RiskThresholds {
  /** An optional early band above at-risk; null when the programme uses only the early signals. */
  watch: number | null;
  atRisk: number;
  urgent: number;
}

/** OneRoster 1.2 scoreStatus semantics beyond the fixed ones (`fully graded` counts, `exempt` never). */
export interface ScoreStatusPolicy {
  /** `submitted` marks count as final marks. */
  submittedCounts: boolean;
  /** `partially graded` marks count toward the formative mean; never toward the summative mean. */
  partiallyGradedCountsForFormatives: boolean;
  /** `not submitted` counts as 0%; otherwise it is only an engagement signal. */
  notSubmittedCountsAsZero: boolean;
}

/** Watch when the fitted change over the last `lastK` summatives is a drop of more than `minDrop` points. */
export interface TrendRule {
  lastK: number;
  minDrop: number;
}

/** Watch when the mean of at least `minFormatives` formatives is below `threshold`. */
export interface FormativeRule {
  minFormatives: number;
  threshold: number;
}

/** Watch after `consecutive` missed sessions in a row; with `escalatesAtRisk`, at-risk becomes urgent. */
export interface MissedSessionRule {
  consecutive: number;
  escalatesAtRisk: boolean;
}

/** Watch when at least `minCount` assessments in the window are `not submitted`. */
export interface MissedSubmissionRule {
  minCount: number;
}

/**
 * The summative mean as a gradebook with weighted categories computes it: the mean of each
 * category, weighted by the category's weight. `weights` sets a category's weight by its title;
 * with `useFeedWeights`, a category it does not list takes the weight the feed sent with its grades
 * (OneRoster categories.csv `weight`). Grades of no weighted category are pooled and weighted by
 * `uncategorisedWeight`.
 */
export interface CategoryWeighting {
  weights: Record<string, number>;
  uncategorisedWeight: number;
  /** Absent in policies saved before the option existed: false. */
  useFeedWeights?: boolean;
}

/** What a coordinator sets for a programme; a rule set to null is switched off. */
export interface RiskPolicySettings {
  window: AssessmentWindow;
  minSummatives: number;
  thresholds: RiskThresholds;
  passMark: number;
  /** Points a value must clear its threshold by before a signal is dropped. */
  hysteresisMargin: number;
  scoreStatuses: ScoreStatusPolicy;
  trendRule: TrendRule | null;
  formativeRule: FormativeRule | null;
  missedSessionRule: MissedSessionRule | null;
  missedSubmissionRule: MissedSubmissionRule | null;
  categoryWeighting: CategoryWeighting | null;
}

export interface RiskPolicy extends RiskPolicySettings {
  program: string;
  version: number;
}

/**
 * The defaults from the seed study: below a 70% summative mean, over at least two summatives, is
 * the institution's "at risk of academic probation" cut-off. The study names no pass mark; 60% is
 * a common one in medical programmes and doubles as the "deep trouble" line. The window is the
 * academic year, starting in September, so last year's marks do not keep a student flagged.
 */
export function defaultPolicySettings(): RiskPolicySettings {
  return {
    window: { kind: 'academic-year', startMonth: 9 },
    minSummatives: 2,
    thresholds: { watch: null, atRisk: 70, urgent: 60 },
    passMark: 60,
    hysteresisMargin: 2,
    scoreStatuses: { submittedCounts: false, partiallyGradedCountsForFormatives: false, notSubmittedCountsAsZero: false },
    trendRule: { lastK: 3, minDrop: 10 },
    // Formatives are practice, so only a low mean (under the pass mark) is worth a mentor's look.
    formativeRule: { minFormatives: 2, threshold: 60 },
    missedSessionRule: { consecutive: 2, escalatesAtRisk: true },
    // One missed hand-in is life; a pattern is a signal.
    missedSubmissionRule: { minCount: 2 },
    categoryWeighting: null,
  };
}

/** Version 1 of a programme's policy, with the seed study's defaults. */
export function defaultPolicy(program: string): RiskPolicy {
  return { program, version: 1, ...defaultPolicySettings() };
}
