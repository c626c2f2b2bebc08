import type { AssessmentType, ScoreStatus } from '@mentoring/contracts';
import type { GradeFact } from './grade-fact';
import type { AssessmentWindow, RiskPolicySettings, ScoreStatusPolicy } from './risk-policy';

/** A grade that counts toward a mean, with the percentage it counts as. */
export interface CountedGrade {
  gradeId: string;
  courseCode: string;
  category: string | null;
  /** The category's weight in the feed's gradebook (categories.csv), when the feed sent one. */
  categoryWeight: number | null;
  percentage: number;
  gradedAtMs: number;
}

/** The grades inside the policy's window, each list chronological (ties broken by grade id). */
export interface WindowedGrades {
  windowStart: Date | null;
  summatives: CountedGrade[];
  formatives: CountedGrade[];
  notSubmittedGradeIds: string[];
}

/** Whether a grade with this type and OneRoster scoreStatus counts toward its type's mean. */
export function countsToward(type: AssessmentType, status: ScoreStatus, statuses: ScoreStatusPolicy): boolean {
  switch (status) {
    case 'fully graded':
      return true;
    case 'submitted':
      return statuses.submittedCounts;
    // A partial mark understates the final one, so it must never pull a summative mean down.
    case 'partially graded':
      return type === 'formative' && statuses.partiallyGradedCountsForFormatives;
    case 'exempt':
      return false;
    case 'not submitted':
      return statuses.notSubmittedCountsAsZero;
  }
}

/** Applies scoreStatus semantics and the window; the result is the same for any order of `grades`. */
export function selectWindowedGrades(
  grades: readonly GradeFact[],
  policy: Pick<RiskPolicySettings, 'window' | 'scoreStatuses'>,
  now: Date,
): WindowedGrades {
  const chronological = grades.map(toCountedGrade).sort(byGradedAtThenId);
  const countedOfType = (type: AssessmentType) =>
    chronological.filter(
      ({ fact }) => fact.assessmentType === type && countsToward(type, fact.scoreStatus, policy.scoreStatuses),
    );
  const allSummatives = countedOfType('summative');
  const windowStart = windowStartFor(policy.window, allSummatives, now);
  const inWindow = (grade: CountedGrade) => windowStart === null || grade.gradedAtMs >= windowStart.getTime();
  const summatives =
    policy.window.kind === 'last-n' ? allSummatives.slice(-policy.window.count) : allSummatives.filter(inWindow);
  return {
    windowStart,
    summatives: summatives.map(withoutFact),
    formatives: countedOfType('formative').filter(inWindow).map(withoutFact),
    notSubmittedGradeIds: chronological
      .filter((grade) => grade.fact.scoreStatus === 'not submitted' && inWindow(grade))
      .map((grade) => grade.gradeId),
  };
}

/** The first day of the academic year that contains `now`, in UTC. */
export function academicYearStart(now: Date, startMonth: number): Date {
  const year = now.getUTCMonth() + 1 >= startMonth ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return new Date(Date.UTC(year, startMonth - 1, 1));
}

type CountedGradeWithFact = CountedGrade & { fact: GradeFact };

function windowStartFor(window: AssessmentWindow, chronologicalSummatives: readonly CountedGrade[], now: Date): Date | null {
  if (window.kind === 'academic-year') return academicYearStart(now, window.startMonth);
  // With fewer than n summatives the window is the student's whole record.
  if (chronologicalSummatives.length < window.count) return null;
  return new Date(chronologicalSummatives[chronologicalSummatives.length - window.count].gradedAtMs);
}

function toCountedGrade(fact: GradeFact): CountedGradeWithFact {
  return {
    gradeId: fact.gradeId,
    courseCode: fact.courseCode,
    category: fact.category ?? null,
    categoryWeight: fact.categoryWeight ?? null,
    percentage: fact.scoreStatus === 'not submitted' ? 0 : fact.percentage,
    gradedAtMs: Date.parse(fact.gradedAt),
    fact,
  };
}

function withoutFact({ fact: _fact, ...grade }: CountedGradeWithFact): CountedGrade {
  return grade;
}

function byGradedAtThenId(a: CountedGrade, b: CountedGrade): number {
  if (a.gradedAtMs !== b.gradedAtMs) return a.gradedAtMs - b.gradedAtMs;
  if (a.gradeId === b.gradeId) return 0;
  return a.gradeId < b.gradeId ? -1 : 1;
}
