import { FeedRecord, GradeSubmission } from './model';

/** The seed study's cut-off: an average summative below this is "at risk of academic probation". */
export const LOW_ACHIEVER_THRESHOLD = 70;
/** "Consistently" low: one bad exam is not enough (DESIGN.md §5). */
export const MIN_SUMMATIVES = 2;

export interface SummativeStanding {
  studentId: string;
  summatives: number;
  meanPercentage: number;
}

/**
 * What a correct pipeline should conclude from the feed: per student, the mean of the final
 * (`fully graded`) summative percentages after amendments, ignoring resends and broken records.
 */
export function summativeStandings(feed: readonly FeedRecord[]): SummativeStanding[] {
  const percentagesByStudent = new Map<string, number[]>();
  for (const grade of latestGrades(feed)) {
    if (grade.assessmentType !== 'summative' || grade.scoreStatus !== 'fully graded') continue;
    const percentages = percentagesByStudent.get(grade.studentId) ?? [];
    percentages.push((grade.score / grade.maxScore) * 100);
    percentagesByStudent.set(grade.studentId, percentages);
  }
  return [...percentagesByStudent].map(([studentId, percentages]) => ({
    studentId,
    summatives: percentages.length,
    meanPercentage: percentages.reduce((sum, value) => sum + value, 0) / percentages.length,
  }));
}

/** Students whose standing is below the low-achiever threshold over at least MIN_SUMMATIVES summatives. */
export function expectedLowAchievers(feed: readonly FeedRecord[]): SummativeStanding[] {
  return summativeStandings(feed).filter(
    (standing) => standing.summatives >= MIN_SUMMATIVES && standing.meanPercentage < LOW_ACHIEVER_THRESHOLD,
  );
}

// The feed is in sending order, so the last version of a sourceRecordId is its amendment, if any.
function latestGrades(feed: readonly FeedRecord[]): GradeSubmission[] {
  const latest = new Map<string, GradeSubmission>();
  for (const entry of feed) {
    if (entry.kind !== 'malformed') latest.set(`${entry.channel}/${entry.record.sourceRecordId}`, entry.record);
  }
  return [...latest.values()];
}
