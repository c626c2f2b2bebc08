import { TOPICS } from '@mentoring/contracts';
import { Pipeline, PipelineCaller } from './pipeline';
import { testKafka } from './test-infrastructure';

/** Every day 08:00-20:00: mentors and students share plenty of time, so a match never waits for a slot. */
export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

/**
 * Below notification's default cap of 5 emails per person per 24 h: a mentor given more cases
 * than the cap has the extra case emails held for a day, which no test can wait for.
 */
export const MENTOR_CAPACITY = 4;

export interface Person {
  id: string;
  displayName: string;
  email: string;
}

/**
 * Mentors and students of one burst; ids carry a label so bursts sharing a pipeline stay apart.
 * Mentors serve every MBBS student, so a later burst may go to an earlier burst's mentors.
 */
export interface Cohort {
  mentors: Person[];
  students: Person[];
}

/** `size` mentors and students whose ids, names and emails start with `label`. */
export function cohort(label: string, size: { mentors: number; students: number }): Cohort {
  const people = (role: string, count: number, domain: string) =>
    Array.from({ length: count }, (_, index) => {
      const id = `${label}-${role}-${index + 1}`;
      return { id, displayName: `${role === 'M' ? 'Dr' : 'Student'} ${id}`, email: `${id.toLowerCase()}@${domain}` };
    });
  return { mentors: people('M', size.mentors, 'faculty.example.edu'), students: people('S', size.students, 'students.example.edu') };
}

/** Several cohorts as one, e.g. to register or grade two bursts at once. */
export function together(...cohorts: Cohort[]): Cohort {
  return { mentors: cohorts.flatMap((c) => c.mentors), students: cohorts.flatMap((c) => c.students) };
}

/** MBBS's coordinator: the one who adds MBBS's mentors and students. */
const MBBS_COORDINATOR: PipelineCaller = { role: 'coordinator', subject: 'coordinator-mbbs-e2e', programmes: ['MBBS'] };

/** Adds an MBBS mentor, free every day 08:00-20:00 in Asia/Dubai, through mentor-matching's API. */
export async function registerMentor(pipeline: Pipeline, mentor: Person, maxOpenCases = MENTOR_CAPACITY): Promise<void> {
  const response = await pipeline.call('mentor-matching', 'POST', '/v1/mentors', MBBS_COORDINATOR, {
    mentorId: mentor.id,
    displayName: mentor.displayName,
    email: mentor.email,
    programs: ['MBBS'],
    expertiseCourseCodes: ['ANAT101'],
    maxOpenCases,
    timeZone: 'Asia/Dubai',
    weeklyAvailability: EVERY_DAY,
  });
  assertSucceeded(`registering mentor ${mentor.id}`, response);
}

/** Adds (or updates) an MBBS year-2 student with the same free time as every mentor. */
export async function registerStudent(pipeline: Pipeline, student: Person): Promise<void> {
  const response = await pipeline.call('mentor-matching', 'PUT', `/v1/students/${student.id}`, MBBS_COORDINATOR, {
    displayName: student.displayName,
    email: student.email,
    program: 'MBBS',
    yearOfStudy: 2,
    timeZone: 'Asia/Dubai',
    preferredTimes: EVERY_DAY,
  });
  assertSucceeded(`registering student ${student.id}`, response);
}

/** Registers every mentor, then every student, of a cohort. */
export async function registerCohort(pipeline: Pipeline, { mentors, students }: Cohort): Promise<void> {
  for (const mentor of mentors) await registerMentor(pipeline, mentor);
  for (const student of students) await registerStudent(pipeline, student);
}

export type GradeRecord = Record<string, string | number>;

/** Two low summatives: a mean well under 60 % makes the student urgent, which opens a case. */
export function lowSummatives(studentId: string): GradeRecord[] {
  const grade = (assessmentId: string, score: number) => ({
    studentId,
    program: 'MBBS',
    yearOfStudy: 2,
    courseCode: 'ANAT101',
    assessmentId,
    assessmentType: 'summative',
    score,
    maxScore: 100,
    gradedAt: new Date(Date.now() - 3_600_000).toISOString(),
    sourceRecordId: `e2e-${studentId}-${assessmentId}`,
  });
  return [grade('MID', 52), grade('FINAL', 55)];
}

/** Low summatives for every student of a cohort. */
export function lowSummativesOf({ students }: Cohort): GradeRecord[] {
  return students.flatMap((student) => lowSummatives(student.id));
}

/** A registrar posting one batch over REST. */
export async function postGrades(pipeline: Pipeline, records: GradeRecord[]): Promise<void> {
  const posted = await pipeline.call('grade-ingest', 'POST', '/v1/grades', 'registrar-feed', { records }, 'sis-e2e');
  assertSucceeded('posting grades', posted);
}

/** A registrar system publishing bare records on its Kafka topic, keyed by student like a real feed. */
export async function publishGrades(pipeline: Pipeline, records: GradeRecord[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    await producer.send({
      topic: pipeline.topic(TOPICS.registrarGradesSubmitted),
      messages: records.map((record) => ({ key: String(record.studentId), value: JSON.stringify(record), headers: { feed: 'sis-e2e' } })),
    });
  } finally {
    await producer.disconnect();
  }
}

function assertSucceeded(what: string, response: { status: number; body: unknown }): void {
  if (response.status >= 300) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
}
