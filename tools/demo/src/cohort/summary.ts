import { isoDate } from './calendar';
import { PROGRAMS, ProgramCode, yearsOf } from './catalogue';
import { MALFORMED_DEFECTS } from './malformed';
import { Cohort, DemoMentor, FeedChannel, FeedKind, MalformedDefect, Trajectory } from './model';
import { expectedLowAchievers, LOW_ACHIEVER_THRESHOLD } from './standing';

export interface CohortSummary {
  settings: Cohort['settings'];
  students: {
    total: number;
    /** Programme -> year of study -> students. */
    byProgramYear: Record<ProgramCode, Record<number, number>>;
    byTrajectory: Record<Trajectory, number>;
    byTimeZone: Record<string, number>;
    /** Students whose summative mean in the feed is below 70% over at least two summatives. */
    expectedBelowThreshold: number;
    threshold: number;
  };
  mentors: {
    total: number;
    active: number;
    onLeaveNow: number;
    totalCapacity: number;
    byProgram: Record<ProgramCode, number>;
  };
  courses: { total: number; assessments: number };
  feed: {
    total: number;
    byKind: Record<FeedKind, number>;
    byChannel: Record<FeedChannel, number>;
    malformedByDefect: Record<MalformedDefect, number>;
  };
}

/** Counts that say what the cohort holds and what the pipeline should make of it. */
export function summarizeCohort(cohort: Cohort): CohortSummary {
  const { students, mentors, courses, feed, settings } = cohort;
  const malformed = feed.flatMap((entry) => (entry.kind === 'malformed' ? [entry.defect] : []));
  return {
    settings,
    students: {
      total: students.length,
      byProgramYear: countByProgramYear(students),
      byTrajectory: countOf(['steady', 'consistently-low', 'declining'], students.map((student) => student.latent.trajectory)),
      byTimeZone: countOf([], students.map((student) => student.timeZone)),
      expectedBelowThreshold: expectedLowAchievers(feed).length,
      threshold: LOW_ACHIEVER_THRESHOLD,
    },
    mentors: {
      total: mentors.length,
      active: mentors.filter((mentor) => mentor.active).length,
      onLeaveNow: mentors.filter((mentor) => isOnLeave(mentor, isoDate(Date.parse(settings.now)))).length,
      totalCapacity: mentors.filter((mentor) => mentor.active).reduce((sum, mentor) => sum + mentor.capacity, 0),
      byProgram: countOf(PROGRAMS, mentors.flatMap((mentor) => mentor.programs)),
    },
    courses: { total: courses.length, assessments: courses.reduce((sum, course) => sum + course.assessments.length, 0) },
    feed: {
      total: feed.length,
      byKind: countOf(['original', 'duplicate', 'amendment', 'malformed'], feed.map((entry) => entry.kind)),
      byChannel: countOf(['rest', 'kafka', 'oneroster'], feed.map((entry) => entry.channel)),
      malformedByDefect: countOf(MALFORMED_DEFECTS, malformed),
    },
  };
}

/** Occurrences of each value; every `expected` key is present, even at zero. */
function countOf<K extends string>(expected: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(expected.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function countByProgramYear(students: Cohort['students']): Record<ProgramCode, Record<number, number>> {
  const counts = Object.fromEntries(
    PROGRAMS.map((program) => [program, Object.fromEntries(yearsOf(program).map((year) => [year, 0]))]),
  ) as Record<ProgramCode, Record<number, number>>;
  for (const student of students) counts[student.program][student.yearOfStudy] += 1;
  return counts;
}

// ISO dates compare as strings; `today` is the UTC date, which current leave covers with margin.
function isOnLeave(mentor: DemoMentor, today: string): boolean {
  return mentor.leave.some((period) => period.start <= today && today <= period.end);
}

/** The summary as a few lines a person can read in a terminal. */
export function formatSummary(summary: CohortSummary): string {
  const { settings, students, mentors, courses, feed } = summary;
  const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
  const programLines = PROGRAMS.map((program) => {
    const years = Object.entries(students.byProgramYear[program]);
    const total = years.reduce((sum, [, count]) => sum + count, 0);
    return `  ${program.padEnd(6)} ${String(total).padStart(5)}  (${years.map(([year, count]) => `Y${year} ${count}`).join(', ')})`;
  });
  return [
    `Synthetic cohort: seed ${settings.seed}, term from ${settings.termStart} to ${settings.now}`,
    `Students: ${students.total}`,
    ...programLines,
    `  below ${students.threshold}% summative mean (expected at-risk): ${students.expectedBelowThreshold} (${percent(students.expectedBelowThreshold, students.total)})`,
    `  latent trajectories: ${formatCounts(students.byTrajectory)}`,
    `  time zones: ${formatCounts(students.byTimeZone)}`,
    `Mentors: ${mentors.total} (${mentors.active} active, ${mentors.onLeaveNow} on leave now, capacity ${mentors.totalCapacity} open cases)`,
    `  by programme: ${formatCounts(mentors.byProgram)}`,
    `Courses: ${courses.total} with ${courses.assessments} assessments`,
    `Feed: ${feed.total} records`,
    `  by kind: ${formatCounts(feed.byKind)}`,
    `  by channel: ${formatCounts(feed.byChannel)}`,
    `  malformed: ${formatCounts(feed.malformedByDefect)}`,
  ].join('\n');
}

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([key, count]) => `${key} ${count}`)
    .join(', ');
}
