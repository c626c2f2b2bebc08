import type { AssessmentType, ScoreStatus } from '@mentoring/contracts';
import { academicYearStart, countsToward, selectWindowedGrades } from './grade-window';
import type { ScoreStatusPolicy } from './risk-policy';
import { defaultPolicySettings } from './risk-policy';
import { grade, NOW } from './testing/grade-builders';

const strict: ScoreStatusPolicy = { submittedCounts: false, partiallyGradedCountsForFormatives: false, notSubmittedCountsAsZero: false };
const lenient: ScoreStatusPolicy = { submittedCounts: true, partiallyGradedCountsForFormatives: true, notSubmittedCountsAsZero: true };

describe('countsToward (OneRoster 1.2 scoreStatus)', () => {
  const cases: Array<[ScoreStatus, AssessmentType, ScoreStatusPolicy, boolean]> = [
    ['fully graded', 'summative', strict, true],
    ['fully graded', 'formative', strict, true],
    ['submitted', 'summative', strict, false],
    ['submitted', 'summative', lenient, true],
    ['submitted', 'formative', lenient, true],
    ['exempt', 'summative', lenient, false],
    ['exempt', 'formative', lenient, false],
    ['partially graded', 'summative', lenient, false],
    ['partially graded', 'formative', strict, false],
    ['partially graded', 'formative', lenient, true],
    ['not submitted', 'summative', strict, false],
    ['not submitted', 'summative', lenient, true],
  ];

  it.each(cases)('%s %s counts: %s / %s', (status, type, statuses, expected) => {
    expect(countsToward(type, status, statuses)).toBe(expected);
  });
});

describe('selectWindowedGrades', () => {
  const policy = defaultPolicySettings();

  it('lists counted grades chronologically whatever the input order', () => {
    const grades = [grade({ percentage: 60, day: 5 }), grade({ percentage: 70, day: 1 }), grade({ percentage: 80, day: 3 })];
    const windowed = selectWindowedGrades(grades, policy, NOW);
    expect(windowed.summatives.map((counted) => counted.gradeId)).toEqual(['g1', 'g3', 'g5']);
  });

  it('breaks ties on the same instant by grade id', () => {
    const grades = [grade({ percentage: 60, day: 1, id: 'b' }), grade({ percentage: 70, day: 1, id: 'a' })];
    expect(selectWindowedGrades(grades, policy, NOW).summatives.map((counted) => counted.gradeId)).toEqual(['a', 'b']);
  });

  it('keeps `not submitted` out of the mean but lists it as an engagement signal', () => {
    const grades = [grade({ percentage: 0, day: 1, status: 'not submitted', id: 'ns' }), grade({ percentage: 80, day: 2 })];
    const windowed = selectWindowedGrades(grades, policy, NOW);
    expect(windowed.summatives.map((counted) => counted.gradeId)).toEqual(['g2']);
    expect(windowed.notSubmittedGradeIds).toEqual(['ns']);
  });

  it('counts `not submitted` as 0% when the policy says so, whatever percentage the feed sent', () => {
    const grades = [grade({ percentage: 55, day: 1, status: 'not submitted', id: 'ns' })];
    const windowed = selectWindowedGrades(grades, { ...policy, scoreStatuses: lenient }, NOW);
    expect(windowed.summatives).toEqual([expect.objectContaining({ gradeId: 'ns', percentage: 0 })]);
    expect(windowed.notSubmittedGradeIds).toEqual(['ns']);
  });

  it('separates summatives from formatives', () => {
    const grades = [grade({ percentage: 50, day: 1, type: 'formative', id: 'f' }), grade({ percentage: 80, day: 2 })];
    const windowed = selectWindowedGrades(grades, policy, NOW);
    expect(windowed.formatives.map((counted) => counted.gradeId)).toEqual(['f']);
    expect(windowed.summatives.map((counted) => counted.gradeId)).toEqual(['g2']);
  });

  describe('academic-year window', () => {
    it('starts on the first day of the start month of the year containing now', () => {
      expect(academicYearStart(new Date('2026-03-01T00:00:00Z'), 9).toISOString()).toBe('2025-09-01T00:00:00.000Z');
      expect(academicYearStart(new Date('2025-09-01T00:00:00Z'), 9).toISOString()).toBe('2025-09-01T00:00:00.000Z');
      expect(academicYearStart(new Date('2025-08-31T23:59:59Z'), 9).toISOString()).toBe('2024-09-01T00:00:00.000Z');
      expect(academicYearStart(new Date('2025-05-01T00:00:00Z'), 1).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    });

    it("leaves last year's grades out", () => {
      const lastYear = { ...grade({ percentage: 30, id: 'old' }), gradedAt: '2025-06-15T09:00:00Z' };
      const notSubmittedLastYear = { ...lastYear, gradeId: 'old-ns', scoreStatus: 'not submitted' as const };
      const windowed = selectWindowedGrades([lastYear, notSubmittedLastYear, grade({ percentage: 80, day: 1 })], policy, NOW);
      expect(windowed.windowStart?.toISOString()).toBe('2025-09-01T00:00:00.000Z');
      expect(windowed.summatives.map((counted) => counted.gradeId)).toEqual(['g1']);
      expect(windowed.notSubmittedGradeIds).toEqual([]);
    });
  });

  describe('last-n window', () => {
    const lastThree = { ...policy, window: { kind: 'last-n' as const, count: 3 } };

    it('takes the last n counted summatives and what was graded since the first of them', () => {
      const grades = [
        ...[1, 2, 3, 4].map((day) => grade({ percentage: 50 + day, day })),
        grade({ percentage: 40, day: 1, type: 'formative', id: 'f-early' }),
        grade({ percentage: 40, day: 3, type: 'formative', id: 'f-late' }),
        grade({ percentage: 50, day: 9, status: 'exempt', id: 'exempt' }),
      ];
      const windowed = selectWindowedGrades(grades, lastThree, NOW);
      expect(windowed.summatives.map((counted) => counted.gradeId)).toEqual(['g2', 'g3', 'g4']);
      expect(windowed.formatives.map((counted) => counted.gradeId)).toEqual(['f-late']);
      expect(windowed.windowStart?.toISOString()).toBe(grades[1].gradedAt);
    });

    it('reaches back to the first grade while there are fewer than n summatives', () => {
      const grades = [grade({ percentage: 40, day: 0, type: 'formative', id: 'f' }), grade({ percentage: 70, day: 5 })];
      const windowed = selectWindowedGrades(grades, lastThree, NOW);
      expect(windowed.windowStart).toBeNull();
      expect(windowed.formatives).toHaveLength(1);
    });

    it('knows no calendar: an old summative still counts among the last n', () => {
      const old = { ...grade({ percentage: 30, id: 'old' }), gradedAt: '2024-01-01T00:00:00Z' };
      const windowed = selectWindowedGrades([old, grade({ percentage: 80, day: 1 })], lastThree, NOW);
      expect(windowed.summatives.map((counted) => counted.gradeId)).toEqual(['old', 'g1']);
    });
  });
});
