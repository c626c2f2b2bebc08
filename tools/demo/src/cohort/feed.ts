import type { ScoreStatus } from '@mentoring/contracts';
import { DAY_MS, HOUR_MS, isoDateTime, MINUTE_MS } from './calendar';
import { Term } from './courses';
import { MALFORMED_DEFECTS, spoilRecord } from './malformed';
import { DemoAssessment, DemoCourse, DemoStudent, FeedRecord, GradeSubmission, ValidFeedRecord } from './model';
import { expectedPercentage } from './performance';
import { clamp, Random } from './random';

export const DUPLICATE_SHARE = 0.02;
export const AMENDMENT_SHARE = 0.01;
export const MALFORMED_SHARE = 0.005;

const EXEMPT_SHARE = 0.006;
// Missed work is an engagement signal, and the students who drift miss more of it.
const NOT_SUBMITTED_SHARE = { summative: 0.004, formative: 0.02, formativeWhenStruggling: 0.08 };
const GRADING_SPREAD_MS = 3 * HOUR_MS;

interface FeedContext {
  random: Random;
  term: Term;
  nextSourceRecordId: () => string;
  malformedCount: number;
}

interface MarkedCourse {
  course: DemoCourse;
  /** How much easier (or, when negative, harder) than average its marking is, in percentage points. */
  ease: number;
}

/**
 * One result per student per assessment sat so far, plus resends, corrections and broken records
 * at the documented shares, in the order the registrar sends them.
 */
export function generateFeed(random: Random, students: readonly DemoStudent[], courses: readonly DemoCourse[], term: Term): FeedRecord[] {
  let sequence = 0;
  const context: FeedContext = {
    random,
    term,
    nextSourceRecordId: () => `sis-${(sequence += 1)}`,
    malformedCount: 0,
  };
  const coursesByProgramYear = groupByProgramYear(courses.map((course) => ({ course, ease: random.normal(0, 3) })));
  const feed = students.flatMap((student) =>
    (coursesByProgramYear.get(programYear(student)) ?? []).flatMap((marked) => courseRecords(context, student, marked)),
  );
  // Array.prototype.sort is stable, so a record sent at the same instant as its original stays after
  // it; ISO timestamps of one format sort as plain strings.
  return feed.sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
}

function programYear({ program, yearOfStudy }: { program: string; yearOfStudy: number }): string {
  return `${program}/${yearOfStudy}`;
}

function groupByProgramYear(courses: readonly MarkedCourse[]): Map<string, MarkedCourse[]> {
  const groups = new Map<string, MarkedCourse[]>();
  for (const marked of courses) {
    const key = programYear(marked.course);
    groups.set(key, [...(groups.get(key) ?? []), marked]);
  }
  return groups;
}

function courseRecords(context: FeedContext, student: DemoStudent, { course, ease }: MarkedCourse): FeedRecord[] {
  // A student's own strengths and weak areas: the courses a mentor's structured engagement targets.
  const adjustment = ease + context.random.normal(0, 4);
  return course.assessments
    .filter((assessment) => Date.parse(assessment.releasedAt) <= context.term.now)
    .flatMap((assessment) => resultRecords(context, original(context, student, course, assessment, adjustment)));
}

function resultRecords(context: FeedContext, first: ValidFeedRecord): FeedRecord[] {
  const { random } = context;
  const records: FeedRecord[] = [first];
  if (random.chance(DUPLICATE_SHARE)) records.push(duplicate(context, first));
  if (first.record.scoreStatus === 'fully graded' && random.chance(AMENDMENT_SHARE)) records.push(amendment(context, first));
  if (random.chance(MALFORMED_SHARE)) records.push(malformed(context, first));
  return records;
}

/** `adjustment`: percentage points the course and the student's affinity for it add to the student's expected mark. */
function original(
  context: FeedContext,
  student: DemoStudent,
  course: DemoCourse,
  assessment: DemoAssessment,
  adjustment: number,
): ValidFeedRecord {
  const { random } = context;
  const scoreStatus = drawScoreStatus(random, assessment, student);
  const percentage = drawPercentage(context, student, assessment) + adjustment;
  const gradedAt = isoDateTime(Date.parse(assessment.releasedAt) + random.int(0, GRADING_SPREAD_MS / 1000) * 1000);
  const record: GradeSubmission = {
    studentId: student.studentId,
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    courseCode: course.courseCode,
    assessmentId: assessment.assessmentId,
    assessmentType: assessment.assessmentType,
    // OneRoster leaves an unmarked result empty; the contract needs a number, and the status says it is no mark.
    score: scoreStatus === 'fully graded' ? toScore(percentage, assessment.maxScore) : 0,
    maxScore: assessment.maxScore,
    gradedAt,
    sourceRecordId: context.nextSourceRecordId(),
    scoreStatus,
  };
  return { kind: 'original', channel: assessment.channel, sentAt: gradedAt, record };
}

function drawPercentage({ random, term }: FeedContext, student: DemoStudent, assessment: DemoAssessment): number {
  const termFraction = (Date.parse(assessment.heldAt) - term.start) / (term.now - term.start);
  const expected = expectedPercentage(student.latent, termFraction);
  // Formatives are lower-stakes and marked more generously, and vary more.
  if (assessment.assessmentType === 'formative') return expected + 3 + random.normal(0, 9);
  return expected + random.normal(0, 6);
}

function drawScoreStatus(random: Random, assessment: DemoAssessment, student: DemoStudent): ScoreStatus {
  const struggling = student.latent.trajectory !== 'steady';
  const notSubmitted =
    assessment.assessmentType === 'summative'
      ? NOT_SUBMITTED_SHARE.summative
      : struggling
        ? NOT_SUBMITTED_SHARE.formativeWhenStruggling
        : NOT_SUBMITTED_SHARE.formative;
  const draw = random.next();
  if (draw < EXEMPT_SHARE) return 'exempt';
  if (draw < EXEMPT_SHARE + notSubmitted) return 'not submitted';
  return 'fully graded';
}

/** Marks out of `maxScore` in half points, as examiners record them. */
function toScore(percentage: number, maxScore: number): number {
  return clamp(Math.round((percentage / 100) * maxScore * 2) / 2, 0, maxScore);
}

// A feed that timed out waiting for an acknowledgement sends the same record again, minutes to hours later.
function duplicate({ random }: FeedContext, first: ValidFeedRecord): ValidFeedRecord {
  const sentAt = isoDateTime(Date.parse(first.sentAt) + random.int(1, 360) * MINUTE_MS);
  return { ...first, kind: 'duplicate', sentAt, record: { ...first.record } };
}

// A re-mark after a review: a few points either way, graded days later but never after `now`.
function amendment({ random, term }: FeedContext, first: ValidFeedRecord): ValidFeedRecord {
  const { score, maxScore } = first.record;
  const change = random.int(1, Math.max(1, Math.round(maxScore * 0.1))) * (random.chance(0.5) ? 1 : -1);
  // At the top or bottom of the scale only one direction changes anything.
  const moved = clamp(score + change, 0, maxScore);
  const amendedScore = moved === score ? clamp(score - change, 0, maxScore) : moved;
  const gradedAt = isoDateTime(Math.min(Date.parse(first.record.gradedAt) + random.int(1, 5) * DAY_MS, term.now - HOUR_MS));
  return { ...first, kind: 'amendment', sentAt: gradedAt, record: { ...first.record, score: amendedScore, gradedAt } };
}

function malformed(context: FeedContext, first: ValidFeedRecord): FeedRecord {
  const defect = MALFORMED_DEFECTS[context.malformedCount % MALFORMED_DEFECTS.length];
  context.malformedCount += 1;
  return spoilRecord(context.random, {
    defect,
    record: { ...first.record, sourceRecordId: context.nextSourceRecordId() },
    channel: first.channel,
    sentAt: isoDateTime(Date.parse(first.sentAt) + context.random.int(1, 30) * MINUTE_MS),
    now: context.term.now,
  });
}
