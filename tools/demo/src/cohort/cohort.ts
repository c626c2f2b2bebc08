import { parseIsoDate } from './calendar';
import { generateCourses, Term } from './courses';
import { generateFeed } from './feed';
import { generateMentors } from './mentors';
import { Cohort } from './model';
import { createRandom, deriveSeed } from './random';
import { generateStudents } from './students';

export interface CohortOptions {
  seed?: number;
  students?: number;
  mentors?: number;
  /** First day of the term, ISO date (YYYY-MM-DD); at least four weeks before `now`. */
  termStart: string;
  /** The moment the feed is generated for: nothing is graded after it. */
  now: Date;
}

/**
 * A synthetic cohort, its mentors, the term's courses and the registrar feed of its results.
 * Pure and deterministic: the same options always give the same cohort.
 */
export function generateCohort({ seed = 42, students = 2000, mentors = 60, termStart, now }: CohortOptions): Cohort {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const term: Term = { start: parseIsoDate(termStart), now: now.getTime() };
  // Each part draws from its own stream, so more students leave mentors and courses unchanged.
  const random = (part: string) => createRandom(deriveSeed(seed, part));
  const courses = generateCourses(random('courses'), term);
  const cohortStudents = generateStudents(random('students'), students);
  return {
    settings: { seed, students, mentors, termStart, now: now.toISOString() },
    students: cohortStudents,
    mentors: generateMentors(random('mentors'), mentors, now),
    courses,
    feed: generateFeed(random('feed'), cohortStudents, courses, term),
  };
}
