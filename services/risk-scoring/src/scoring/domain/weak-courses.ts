import type { CountedGrade } from './grade-window';
import { orderIndependentMean, roundToHundredths } from './statistics';

/** The contract caps the list; the lowest courses are the ones structured engagement starts with. */
const MAX_WEAK_COURSES = 20;

/** Course codes whose mean of counted grades is below `threshold`, lowest mean first. */
export function findWeakCourses(grades: readonly CountedGrade[], threshold: number): string[] {
  const percentagesByCourse = new Map<string, number[]>();
  for (const grade of grades) {
    percentagesByCourse.set(grade.courseCode, [...(percentagesByCourse.get(grade.courseCode) ?? []), grade.percentage]);
  }
  return [...percentagesByCourse]
    .map(([courseCode, percentages]) => ({ courseCode, mean: roundToHundredths(orderIndependentMean(percentages) ?? 0) }))
    .filter((course) => course.mean < threshold)
    .sort((a, b) => a.mean - b.mean || compareCodes(a.courseCode, b.courseCode))
    .slice(0, MAX_WEAK_COURSES)
    .map((course) => course.courseCode);
}

function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
