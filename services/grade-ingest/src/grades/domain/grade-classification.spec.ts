import { classifyAgainstExisting, RecordedGrade } from './grade-classification';
import { ValidGrade } from './grade-validation';

const incoming: ValidGrade = {
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

function recorded(overrides: Partial<RecordedGrade> = {}): RecordedGrade {
  return { ...incoming, gradeId: '0f8fad5b-d9cb-469f-a165-70867728950e', feed: 'registrar-a', ...overrides };
}

describe('classifyAgainstExisting', () => {
  it('accepts a grade whose identity has not been seen', () => {
    expect(classifyAgainstExisting(incoming, undefined)).toEqual({ outcome: 'accepted' });
  });

  it('calls an identical resend a duplicate, whatever ISO spelling the stored timestamp has', () => {
    const existing = recorded({ gradedAt: '2025-05-30T09:15:00+02:00' });

    expect(classifyAgainstExisting(incoming, existing)).toEqual({ outcome: 'duplicate', existing });
  });

  it.each([
    ['score', { score: 71 }],
    ['maxScore', { maxScore: 80 }],
    ['scoreStatus', { scoreStatus: 'partially graded' as const }],
  ])('calls a changed %s an amendment of the earlier grade', (field, change) => {
    const existing = recorded(change);

    expect(classifyAgainstExisting(incoming, existing)).toEqual({ outcome: 'amended', previous: existing, changedFields: [field] });
  });

  it('calls a corrected assessment type, programme, year or date an amendment too', () => {
    const existing = recorded({ assessmentType: 'formative', yearOfStudy: 1, gradedAt: '2025-05-29T07:15:00.000Z' });

    expect(classifyAgainstExisting(incoming, existing)).toMatchObject({
      outcome: 'amended',
      changedFields: ['assessmentType', 'yearOfStudy', 'gradedAt'],
    });
  });

  it('rejects a record that would move to another student or assessment', () => {
    const result = classifyAgainstExisting(incoming, recorded({ studentId: 'S-2002', assessmentId: 'anat201-final' }));

    expect(result.outcome).toBe('rejected');
    expect(result.outcome === 'rejected' && result.problems.map((p) => p.field)).toEqual(['studentId', 'assessmentId']);
    expect(result.outcome === 'rejected' && result.problems[0].problem).toContain('new sourceRecordId');
  });
});
