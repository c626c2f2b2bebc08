import { GradeRecordedV1, validatePayload } from '@mentoring/contracts';
import fc from 'fast-check';
import { RecordedGrade } from './grade-classification';
import { percentage, toGradeRecordedPayload } from './grade-recorded';
import { ValidGrade } from './grade-validation';

const grade: ValidGrade = {
  studentId: 'S-1001',
  program: 'MBBS',
  yearOfStudy: 2,
  courseCode: 'ANAT201',
  assessmentId: 'anat201-midterm',
  assessmentType: 'summative',
  score: 41,
  maxScore: 60,
  gradedAt: '2025-05-30T07:15:00.000Z',
  sourceRecordId: 'sis-778',
  scoreStatus: 'fully graded',
};

describe('percentage', () => {
  it.each([
    [62, 100, 62],
    [2, 3, 66.67],
    [1, 32, 3.13],
    [41, 60, 68.33],
    [0, 25, 0],
  ])('%d of %d is %d%%', (score, maxScore, expected) => {
    expect(percentage(score, maxScore)).toBe(expected);
  });

  it('stays within 0..100 with at most two decimals for any valid score', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }), (maxScore, share) => {
        const value = percentage(share * maxScore, maxScore);
        return value >= 0 && value <= 100 && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
      }),
    );
  });

  it('refuses a zero maxScore instead of producing Infinity', () => {
    expect(() => percentage(1, 0)).toThrow(RangeError);
  });
});

describe('toGradeRecordedPayload', () => {
  const ids = { gradeId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', feed: 'registrar-a' };

  it('maps a first recording with its percentage and no amendment, valid against the contract', () => {
    const payload = toGradeRecordedPayload(grade, ids);

    expect(payload).toEqual({ ...grade, ...ids, percentage: 68.33, amendment: null });
    expect(validatePayload(GradeRecordedV1, payload).ok).toBe(true);
  });

  it('carries the replaced values of an amendment', () => {
    const previous: RecordedGrade = { ...grade, score: 35, scoreStatus: 'partially graded', gradeId: '0f8fad5b-d9cb-469f-a165-70867728950e', feed: 'registrar-a' };

    const payload = toGradeRecordedPayload(grade, { ...ids, amends: previous });

    expect(payload.amendment).toEqual({
      previousGradeId: previous.gradeId,
      previousScore: 35,
      previousMaxScore: 60,
      previousScoreStatus: 'partially graded',
    });
    expect(validatePayload(GradeRecordedV1, payload).ok).toBe(true);
  });
});
