import { planRecording, StoredGrade } from './recording-plan';
import { ValidGrade } from './grade-validation';

const grade: ValidGrade = {
  studentId: 'S-1001',
  program: 'MBBS',
  yearOfStudy: 2,
  courseCode: 'ANAT201',
  assessmentId: 'anat201-midterm',
  assessmentType: 'summative',
  score: 62,
  maxScore: 100,
  gradedAt: '2025-05-30T07:15:00.000Z',
  sourceRecordId: 'sis-778',
  scoreStatus: 'fully graded',
};

const stored: StoredGrade = { ...grade, gradeId: '00000000-0000-4000-8000-000000000001', feed: 'sis', version: 1 };

function ids(): () => string {
  let next = 100;
  return () => `00000000-0000-4000-8000-000000000${(next += 1)}`;
}

describe('planRecording', () => {
  it('records a new grade as version 1 with its event', () => {
    const plan = planRecording('sis', [grade], new Map(), ids());

    expect(plan.outcomes).toEqual([{ outcome: 'accepted', gradeId: '00000000-0000-4000-8000-000000000101' }]);
    expect(plan.newVersions).toEqual([
      expect.objectContaining({ amendsGradeId: null, current: true, grade: expect.objectContaining({ version: 1, feed: 'sis' }) }),
    ]);
    expect(plan.newVersions[0].event).toMatchObject({ gradeId: '00000000-0000-4000-8000-000000000101', feed: 'sis', percentage: 62, amendment: null });
    expect(plan.supersededGradeIds).toEqual([]);
  });

  it('records nothing for a resend of the stored grade', () => {
    const plan = planRecording('sis', [grade], new Map([[grade.sourceRecordId, stored]]), ids());

    expect(plan.outcomes).toEqual([{ outcome: 'duplicate', gradeId: stored.gradeId }]);
    expect(plan.newVersions).toEqual([]);
  });

  it('amends the stored grade: a new version that names the old one, which stops being current', () => {
    const plan = planRecording('sis', [{ ...grade, score: 71 }], new Map([[grade.sourceRecordId, stored]]), ids());

    expect(plan.outcomes).toEqual([
      { outcome: 'amended', gradeId: '00000000-0000-4000-8000-000000000101', amendsGradeId: stored.gradeId, changedFields: ['score'] },
    ]);
    expect(plan.newVersions[0]).toMatchObject({ amendsGradeId: stored.gradeId, current: true, grade: { version: 2 } });
    expect(plan.newVersions[0].event.amendment).toEqual({
      previousGradeId: stored.gradeId,
      previousScore: 62,
      previousMaxScore: 100,
      previousScoreStatus: 'fully graded',
    });
    expect(plan.supersededGradeIds).toEqual([stored.gradeId]);
  });

  it('classifies a record repeated within the batch against its first occurrence', () => {
    const plan = planRecording('sis', [grade, grade, { ...grade, score: 80 }], new Map(), ids());

    expect(plan.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'duplicate', 'amended']);
    expect(plan.outcomes[1]).toEqual({ outcome: 'duplicate', gradeId: '00000000-0000-4000-8000-000000000101' });
    expect(plan.newVersions.map((v) => [v.grade.version, v.current, v.amendsGradeId])).toEqual([
      [1, false, null],
      [2, true, '00000000-0000-4000-8000-000000000101'],
    ]);
    expect(plan.supersededGradeIds).toEqual([]);
  });

  it('supersedes a stored grade once even when the batch amends it twice', () => {
    const plan = planRecording('sis', [{ ...grade, score: 70 }, { ...grade, score: 75 }], new Map([[grade.sourceRecordId, stored]]), ids());

    expect(plan.supersededGradeIds).toEqual([stored.gradeId]);
    expect(plan.newVersions.map((v) => [v.grade.version, v.current])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(plan.newVersions[1].event.amendment?.previousScore).toBe(70);
  });

  it('rejects a record that moves to another student and records the rest of the batch', () => {
    const other = { ...grade, sourceRecordId: 'sis-779' };
    const plan = planRecording('sis', [{ ...grade, studentId: 'S-2002' }, other], new Map([[grade.sourceRecordId, stored]]), ids());

    expect(plan.outcomes[0]).toEqual({ outcome: 'rejected', problems: [expect.objectContaining({ field: 'studentId' })] });
    expect(plan.outcomes[1]).toMatchObject({ outcome: 'accepted' });
    expect(plan.newVersions).toHaveLength(1);
  });

  it('keeps a grade\'s category when a feed that sends none resends or corrects it, and records a changed category as an amendment', () => {
    const categorised = { ...stored, category: 'Exams', categoryWeight: 0.6 };
    const current = new Map([[grade.sourceRecordId, categorised]]);

    expect(planRecording('sis', [grade], current, ids()).outcomes).toEqual([{ outcome: 'duplicate', gradeId: stored.gradeId }]);
    const corrected = planRecording('sis', [{ ...grade, score: 70 }], current, ids());
    expect(corrected.newVersions[0].event).toMatchObject({ score: 70, category: 'Exams', categoryWeight: 0.6 });
    const moved = planRecording('sis', [{ ...grade, category: 'Quizzes', categoryWeight: 0.1 }], current, ids());
    expect(moved.outcomes[0]).toMatchObject({ outcome: 'amended', changedFields: ['category', 'categoryWeight'] });
  });
});
