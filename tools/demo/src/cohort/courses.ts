import type { AssessmentType } from '@mentoring/contracts';
import { DAY_MS, HOUR_MS, isoDate, isoDateTime, isoWeekdayUtc } from './calendar';
import { coursesOf, PROGRAMS, yearsOf } from './catalogue';
import { DemoAssessment, DemoCourse, FeedChannel } from './model';
import { clamp, Random } from './random';

/** The shortest term the generator accepts: four assessments and their marking need the room. */
export const MIN_TERM_DAYS = 28;

// Assessments are sat between a few days after term start and, leaving room for marking
// (release + weekend shift + grading spread), a week before `now`.
const FIRST_ASSESSMENT_AFTER_MS = 3 * DAY_MS;
const LAST_ASSESSMENT_BEFORE_NOW_MS = 8 * DAY_MS;

interface PlannedAssessment {
  suffix: string;
  title: string;
  assessmentType: AssessmentType;
  /** Where in the assessment period it falls, 0..1. */
  position: number;
  maxScores: readonly number[];
  /** Days from sitting to releasing the marks. */
  markingDays: readonly [number, number];
}

const ASSESSMENT_PLAN: readonly PlannedAssessment[] = [
  { suffix: 'F1', title: 'Formative quiz', assessmentType: 'formative', position: 0.2, maxScores: [10, 20, 25], markingDays: [1, 2] },
  { suffix: 'MID', title: 'Midterm examination', assessmentType: 'summative', position: 0.45, maxScores: [50, 60, 100], markingDays: [2, 4] },
  { suffix: 'F2', title: 'Formative case-based practice', assessmentType: 'formative', position: 0.65, maxScores: [10, 20, 25], markingDays: [1, 2] },
  { suffix: 'FIN', title: 'Final examination', assessmentType: 'summative', position: 0.9, maxScores: [100, 120, 150], markingDays: [2, 4] },
];

const CHANNELS: readonly FeedChannel[] = ['rest', 'kafka', 'oneroster'];

export interface Term {
  start: number;
  now: number;
}

/** Every course of every programme and year, each with its term's assessments. */
export function generateCourses(random: Random, term: Term): DemoCourse[] {
  assertTermLongEnough(term);
  const termKey = isoDate(term.start).slice(0, 7);
  const catalogue = PROGRAMS.flatMap((program) =>
    yearsOf(program).flatMap((yearOfStudy) => coursesOf(program, yearOfStudy).map((course) => ({ ...course, program, yearOfStudy }))),
  );
  const channels = dealChannels(random, catalogue.length * ASSESSMENT_PLAN.length);
  return catalogue.map((course, courseIndex) => ({
    ...course,
    assessments: ASSESSMENT_PLAN.map((plan, planIndex) => ({
      ...drawAssessment(random, term, `${course.courseCode}-${termKey}-${plan.suffix}`, plan),
      channel: channels[courseIndex * ASSESSMENT_PLAN.length + planIndex],
    })),
  }));
}

// A third of the assessments each, in shuffled order; every result of one assessment then
// travels through the same channel.
function dealChannels(random: Random, count: number): FeedChannel[] {
  return random.shuffle(Array.from({ length: count }, (_, index) => CHANNELS[index % CHANNELS.length]));
}

function assertTermLongEnough({ start, now }: Term): void {
  if (now - start < MIN_TERM_DAYS * DAY_MS) {
    throw new RangeError(`the term must have started at least ${MIN_TERM_DAYS} days before now`);
  }
}

function drawAssessment(
  random: Random,
  term: Term,
  assessmentId: string,
  plan: PlannedAssessment,
): Omit<DemoAssessment, 'channel'> {
  const heldAt = drawSittingTime(random, term, plan.position);
  const releasedAt = heldAt + random.int(...plan.markingDays) * DAY_MS + random.int(0, 3) * HOUR_MS;
  return {
    assessmentId,
    title: plan.title,
    assessmentType: plan.assessmentType,
    maxScore: random.pick(plan.maxScores),
    heldAt: isoDateTime(heldAt),
    releasedAt: isoDateTime(releasedAt),
  };
}

// Exams are sat on a working day (the UAE weekend is Saturday and Sunday), between 09:00 and
// 15:00 Gulf time (05:00-11:00 UTC).
function drawSittingTime(random: Random, term: Term, position: number): number {
  const first = term.start + FIRST_ASSESSMENT_AFTER_MS;
  const last = term.now - LAST_ASSESSMENT_BEFORE_NOW_MS;
  const jittered = clamp(position + random.normal(0, 0.03), position - 0.06, position + 0.06);
  const day = Math.floor((first + jittered * (last - first)) / DAY_MS) * DAY_MS;
  return nextWorkday(day) + (5 + random.int(0, 6)) * HOUR_MS;
}

function nextWorkday(day: number): number {
  const weekday = isoWeekdayUtc(day);
  return weekday >= 6 ? day + (8 - weekday) * DAY_MS : day;
}
