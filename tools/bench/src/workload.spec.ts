import { validatePayload, GradeRecordedV1, GradeSubmissionV1 } from '@mentoring/contracts';
import { gradeRecordedEnvelope, lowSummatives, passingGrades, studentIdOf } from './workload';

const gradedAt = new Date('2025-06-01T10:00:00Z');

describe('gradeRecordedEnvelope', () => {
  it('is a valid grades.recorded.v1 event keyed by the student', () => {
    const envelope = gradeRecordedEnvelope(42, gradedAt);
    expect(envelope).toMatchObject({ type: 'grades.recorded.v1', subject: studentIdOf('bench-raw', 42), time: gradedAt.toISOString() });
    expect(validatePayload(GradeRecordedV1, envelope.data).ok).toBe(true);
  });

  it('has the same size for every student, so the baseline sends one message size', () => {
    const size = (student: number) => JSON.stringify(gradeRecordedEnvelope(student, gradedAt)).length;
    expect(new Set([0, 7, 999].map(size)).size).toBe(1);
  });
});

describe('lowSummatives', () => {
  it('gives a student two valid summatives whose mean is below 70%', () => {
    for (const student of [0, 5, 13]) {
      const grades = lowSummatives('e2e', student, gradedAt);
      expect(grades.map((grade) => validatePayload(GradeSubmissionV1, grade).ok)).toEqual([true, true]);
      expect(grades.every((grade) => grade.assessmentType === 'summative')).toBe(true);
      expect((grades[0].score + grades[1].score) / 2).toBeLessThan(70);
      expect(new Set(grades.map((grade) => grade.sourceRecordId)).size).toBe(2);
    }
  });
});

describe('passingGrades', () => {
  it('gives distinct, valid, passing records under the phase prefix', () => {
    const grades = passingGrades('rest', 50, gradedAt);
    expect(new Set(grades.map((grade) => `${grade.sourceRecordId}`)).size).toBe(50);
    expect(grades.every((grade) => grade.studentId.startsWith('rest-') && grade.score >= 70)).toBe(true);
    expect(grades.every((grade) => validatePayload(GradeSubmissionV1, grade).ok)).toBe(true);
  });
});
