import { randomUUID } from 'node:crypto';
import { createEnvelope, EventEnvelope, GRADE_RECORDED_V1, GradeRecordedV1 } from '@mentoring/contracts';

/** A grade as a registrar feed submits it (REST record or bare Kafka value). */
export interface GradeSubmission {
  studentId: string;
  program: string;
  yearOfStudy: number;
  courseCode: string;
  assessmentId: string;
  assessmentType: 'summative' | 'formative';
  score: number;
  maxScore: number;
  gradedAt: string;
  sourceRecordId: string;
}

export const PROGRAMS = ['MBBS', 'MD', 'BBMS', 'HDPCS'] as const;
export const COURSES = ['ANAT201', 'PHYS202', 'BIOC203', 'PATH204', 'PHAR205'] as const;

/** Student ids carry a phase prefix, so each phase's events can be told apart on shared topics. */
export function studentIdOf(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(6, '0')}`;
}

export function programOf(index: number): string {
  return PROGRAMS[index % PROGRAMS.length];
}

export function yearOf(index: number): number {
  return (index % 5) + 1;
}

/**
 * `count` passing summatives spread over students (five each): they exercise ingest and scoring
 * without opening cases, so the ingest phases measure recording rather than matching.
 */
export function passingGrades(prefix: string, count: number, gradedAt: Date): GradeSubmission[] {
  return Array.from({ length: count }, (_, index) => {
    const student = Math.floor(index / COURSES.length);
    return submission(prefix, student, index % COURSES.length, 75 + (index % 20), gradedAt);
  });
}

/** Two summatives below 70% for one student: the seed study's "consistently low" signal. */
export function lowSummatives(prefix: string, student: number, gradedAt: Date): GradeSubmission[] {
  return [submission(prefix, student, 0, 52 + (student % 8), gradedAt), submission(prefix, student, 1, 58 + (student % 7), gradedAt)];
}

/**
 * A `grades.recorded.v1` envelope as grade-ingest publishes it: the raw baseline sends these, so
 * its messages have the real size. Student numbers are zero-padded, so the size never varies.
 */
export function gradeRecordedEnvelope(student: number, time: Date): EventEnvelope<GradeRecordedV1> {
  const grade = submission('bench-raw', student, 0, 64, time);
  return createEnvelope<GradeRecordedV1>({
    type: GRADE_RECORDED_V1,
    source: 'grade-ingest',
    subject: grade.studentId,
    correlationId: randomUUID(),
    time,
    data: {
      ...grade,
      // One programme and year for all: the students differ only in their zero-padded number.
      program: 'MBBS',
      yearOfStudy: 3,
      gradeId: randomUUID(),
      percentage: (grade.score / grade.maxScore) * 100,
      scoreStatus: 'fully graded',
      feed: 'registrar-main',
      amendment: null,
    },
  });
}

function submission(prefix: string, student: number, course: number, score: number, gradedAt: Date): GradeSubmission {
  const studentId = studentIdOf(prefix, student);
  const courseCode = COURSES[course];
  return {
    studentId,
    program: programOf(student),
    yearOfStudy: yearOf(student),
    courseCode,
    assessmentId: `${courseCode.toLowerCase()}-final-2025`,
    assessmentType: 'summative',
    score,
    maxScore: 100,
    gradedAt: gradedAt.toISOString(),
    sourceRecordId: `${studentId}-${courseCode}`,
  };
}
