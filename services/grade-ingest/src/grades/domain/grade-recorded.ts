import { GradeRecordedV1 } from '@mentoring/contracts';
import { RecordedGrade } from './grade-classification';
import { ValidGrade } from './grade-validation';

/** score / maxScore as a percentage, rounded half up to two decimals. */
export function percentage(score: number, maxScore: number): number {
  if (!(maxScore > 0)) throw new RangeError(`maxScore must be greater than 0, got ${maxScore}`);
  // Scaling before dividing keeps e.g. 1/32 = 3.125 from landing on 3.12 through binary rounding.
  return Math.round((score * 10_000) / maxScore) / 100;
}

export interface GradeRecording {
  gradeId: string;
  feed: string;
  /** The latest earlier version when this grade amends it. */
  amends?: RecordedGrade;
}

/** The `grades.recorded.v1` payload for a grade being recorded, carrying the replaced values of an amendment. */
export function toGradeRecordedPayload(grade: ValidGrade, { gradeId, feed, amends }: GradeRecording): GradeRecordedV1 {
  return {
    gradeId,
    feed,
    studentId: grade.studentId,
    program: grade.program,
    yearOfStudy: grade.yearOfStudy,
    courseCode: grade.courseCode,
    assessmentId: grade.assessmentId,
    assessmentType: grade.assessmentType,
    score: grade.score,
    maxScore: grade.maxScore,
    percentage: percentage(grade.score, grade.maxScore),
    scoreStatus: grade.scoreStatus,
    gradedAt: grade.gradedAt,
    sourceRecordId: grade.sourceRecordId,
    ...(grade.category !== undefined && { category: grade.category }),
    ...(grade.categoryWeight !== undefined && { categoryWeight: grade.categoryWeight }),
    amendment: amends
      ? {
          previousGradeId: amends.gradeId,
          previousScore: amends.score,
          previousMaxScore: amends.maxScore,
          previousScoreStatus: amends.scoreStatus,
        }
      : null,
  };
}
