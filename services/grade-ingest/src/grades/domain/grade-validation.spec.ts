import { DEFAULT_PROGRAMS, GradeValidationOptions, validateGradeSubmission } from './grade-validation';

const options: GradeValidationOptions = {
  now: new Date('2025-06-01T12:00:00Z'),
  maxFutureSkewMs: 5 * 60 * 1000,
  knownPrograms: DEFAULT_PROGRAMS,
};

function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    studentId: 'S-1001',
    program: 'MBBS',
    yearOfStudy: 2,
    courseCode: 'ANAT201',
    assessmentId: 'anat201-midterm',
    assessmentType: 'summative',
    score: 62,
    maxScore: 100,
    gradedAt: '2025-05-30T09:15:00+02:00',
    sourceRecordId: 'sis-778',
    ...overrides,
  };
}

function problemsOf(plain: unknown): Array<{ field: string; problem: string }> {
  const result = validateGradeSubmission(plain, options);
  return result.ok ? [] : result.problems;
}

describe('validateGradeSubmission', () => {
  it('accepts a valid submission, defaulting scoreStatus and canonicalising gradedAt to UTC', () => {
    const result = validateGradeSubmission(submission(), options);

    expect(result).toEqual({
      ok: true,
      value: { ...submission(), gradedAt: '2025-05-30T07:15:00.000Z', scoreStatus: 'fully graded' },
    });
  });

  it('keeps an explicit OneRoster scoreStatus and drops unknown properties', () => {
    const result = validateGradeSubmission(submission({ scoreStatus: 'partially graded', comment: 'x' }), options);

    expect(result.ok && result.value.scoreStatus).toBe('partially graded');
    expect(result.ok && 'comment' in result.value).toBe(false);
  });

  it('keeps an optional gradebook category and its weight, and refuses a negative weight', () => {
    const result = validateGradeSubmission(submission({ category: 'Exams', categoryWeight: 0.6 }), options);

    expect(result.ok && result.value).toMatchObject({ category: 'Exams', categoryWeight: 0.6 });
    expect(problemsOf(submission({ category: 'Exams', categoryWeight: -1 }))).toEqual([{ field: 'categoryWeight', problem: 'must not be less than 0' }]);
  });

  it('lists every problem of a record at once, one per field', () => {
    const problems = problemsOf(
      submission({ studentId: 'has space', yearOfStudy: 0, assessmentType: 'oral', score: 120, gradedAt: '2025-07-01T00:00:00Z' }),
    );

    expect(problems).toEqual([
      { field: 'studentId', problem: 'must be an identifier (letters, digits, . _ : - /)' },
      { field: 'yearOfStudy', problem: 'must not be less than 1' },
      { field: 'assessmentType', problem: 'must be one of summative, formative' },
      { field: 'score', problem: 'must not be greater than maxScore' },
      { field: 'gradedAt', problem: 'must not be in the future (latest accepted: 2025-06-01T12:05:00.000Z)' },
    ]);
  });

  it('says "is required" once for each missing field', () => {
    const { assessmentId: _a, maxScore: _m, ...rest } = submission();

    expect(problemsOf(rest)).toEqual([
      { field: 'assessmentId', problem: 'is required' },
      { field: 'maxScore', problem: 'is required' },
    ]);
  });

  it('rejects a programme that is well-formed but not configured', () => {
    expect(problemsOf(submission({ program: 'DENT' }))).toEqual([
      { field: 'program', problem: 'must be one of the configured programmes: MBBS, MD, BBMS, HDPCS' },
    ]);
  });

  it('reports only the format problem for a malformed programme code', () => {
    expect(problemsOf(submission({ program: 'mbbs' }))).toEqual([
      { field: 'program', problem: 'must be an upper-case programme code such as MBBS' },
    ]);
  });

  it('rejects a non-positive maxScore and a negative score', () => {
    expect(problemsOf(submission({ score: -1, maxScore: 0 }))).toEqual(
      expect.arrayContaining([
        { field: 'score', problem: 'must not be less than 0' },
        { field: 'maxScore', problem: 'must be greater than 0' },
      ]),
    );
  });

  it('accepts gradedAt within the clock skew and rejects it just beyond', () => {
    expect(problemsOf(submission({ gradedAt: '2025-06-01T12:04:59Z' }))).toEqual([]);
    expect(problemsOf(submission({ gradedAt: '2025-06-01T12:05:01Z' }))).toHaveLength(1);
  });

  it('reads an offset-less date-time as UTC, not as server-local time', () => {
    const result = validateGradeSubmission(submission({ gradedAt: '2025-05-30T09:15:00' }), options);

    expect(result.ok && result.value.gradedAt).toBe('2025-05-30T09:15:00.000Z');
  });

  it('accepts a bare date that has begun in the earliest time zone, and not one beyond it', () => {
    const result = validateGradeSubmission(submission({ gradedAt: '2025-06-02' }), options);

    expect(result.ok && result.value.gradedAt).toBe('2025-06-02T00:00:00.000Z');
    expect(problemsOf(submission({ gradedAt: '2025-06-03' }))).toHaveLength(1);
  });

  it('rejects ISO week dates that no timestamp can represent', () => {
    expect(problemsOf(submission({ gradedAt: '2025-W22' }))).toEqual([
      { field: 'gradedAt', problem: 'must be an ISO 8601 date-time' },
    ]);
  });

  it('rejects a score sent as a string instead of silently converting it', () => {
    expect(problemsOf(submission({ score: '62' })).map((p) => p.field)).toContain('score');
  });

  it('rejects something that is not an object', () => {
    expect(problemsOf([submission()])).toEqual([{ field: '(root)', problem: 'must be a JSON object' }]);
  });
});
