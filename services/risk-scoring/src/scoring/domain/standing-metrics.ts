import type { EngagementFacts } from './grade-fact';
import type { CountedGrade, WindowedGrades } from './grade-window';
import type { CategoryWeighting, RiskPolicySettings } from './risk-policy';
import type { StandingMetrics } from './standing';
import { fittedChange, orderIndependentMean, roundToHundredths, weightedMeanOfGroups } from './statistics';

/**
 * The figures the rules compare against thresholds. Means are rounded to hundredths before any
 * comparison, so the value a mentor reads is exactly the value that decided the level.
 */
export function measureStanding(
  windowed: WindowedGrades,
  engagement: EngagementFacts,
  policy: Pick<RiskPolicySettings, 'trendRule' | 'categoryWeighting'>,
): StandingMetrics {
  const { summatives, formatives } = windowed;
  return {
    windowStart: windowed.windowStart?.toISOString() ?? null,
    summativeCount: summatives.length,
    summativeMean: roundedOrNull(summativeMean(summatives, policy.categoryWeighting)),
    formativeCount: formatives.length,
    formativeMean: roundedOrNull(orderIndependentMean(formatives.map((grade) => grade.percentage))),
    latestSummativePercentage: summatives.at(-1)?.percentage ?? null,
    trendChange: trendChange(summatives, policy.trendRule?.lastK),
    notSubmittedCount: windowed.notSubmittedGradeIds.length,
    consecutiveMissedSessions: engagement.consecutiveMissedSessions,
  };
}

function summativeMean(summatives: readonly CountedGrade[], weighting: CategoryWeighting | null): number | null {
  if (weighting === null) return orderIndependentMean(summatives.map((grade) => grade.percentage));
  const groups = new Map<string, { values: number[]; weight: number }>();
  for (const grade of summatives) {
    const { key, weight } = categoryGroup(grade, weighting);
    const group = groups.get(key) ?? { values: [], weight };
    group.values.push(grade.percentage);
    // Chronological order: a category whose feed weight changed counts with its latest weight.
    group.weight = weight;
    groups.set(key, group);
  }
  return weightedMeanOfGroups([...groups.values()]);
}

const UNCATEGORISED = '\u0000uncategorised';

function categoryGroup(grade: CountedGrade, weighting: CategoryWeighting): { key: string; weight: number } {
  const { category } = grade;
  if (category !== null && Object.hasOwn(weighting.weights, category)) return { key: category, weight: weighting.weights[category] };
  if (category !== null && weighting.useFeedWeights === true && grade.categoryWeight !== null) return { key: category, weight: grade.categoryWeight };
  return { key: UNCATEGORISED, weight: weighting.uncategorisedWeight };
}

function trendChange(chronologicalSummatives: readonly CountedGrade[], lastK: number | undefined): number | null {
  if (lastK === undefined || chronologicalSummatives.length < lastK) return null;
  return roundToHundredths(fittedChange(chronologicalSummatives.slice(-lastK).map((grade) => grade.percentage)));
}

function roundedOrNull(value: number | null): number | null {
  return value === null ? null : roundToHundredths(value);
}
