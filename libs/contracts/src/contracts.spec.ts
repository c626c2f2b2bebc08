import {
  caseEventType,
  createEnvelope,
  EVENT_CATALOG,
  GradeSubmissionV1,
  parseEventType,
  STUDENT_DIRECTORY_UPDATED_V1,
  StudentDirectoryUpdatedV1,
  validatePayload,
} from './index';

const validSubmission = {
  studentId: 'S-1001',
  program: 'MBBS',
  yearOfStudy: 2,
  courseCode: 'ANAT201',
  assessmentId: 'ANAT201-MID',
  assessmentType: 'summative',
  score: 55,
  maxScore: 80,
  gradedAt: '2026-10-01T10:00:00Z',
  sourceRecordId: 'r-1',
};

describe('event envelope', () => {
  it('carries the cause forward as causation and correlation', () => {
    const cause = createEnvelope({ type: 'grades.recorded.v1', source: 'grade-ingest', subject: 'S-1', data: {} });
    const effect = createEnvelope({ type: 'risk.assessed.v1', source: 'risk-scoring', subject: 'S-1', data: {}, cause });
    expect(cause.correlationId).toBe(cause.id);
    expect(effect.causationId).toBe(cause.id);
    expect(effect.correlationId).toBe(cause.correlationId);
  });

  it('parses the major version out of an event type', () => {
    expect(parseEventType('grades.recorded.v1')).toEqual({ name: 'grades.recorded', major: 1 });
    expect(parseEventType('mentoring.case-opened.v12')).toEqual({ name: 'mentoring.case-opened', major: 12 });
    expect(parseEventType('grades.recorded')).toBeUndefined();
  });

  it('catalogues every case event kind on the case-events topic', () => {
    expect(EVENT_CATALOG[caseEventType('matched')].topic).toBe('mentoring.case-events.v1');
  });
});

describe('grade submission validation', () => {
  it('accepts a well-formed record', () => {
    expect(validatePayload(GradeSubmissionV1, validSubmission)).toMatchObject({ ok: true });
  });

  it('lists every field-level problem at once', () => {
    const result = validatePayload(GradeSubmissionV1, {
      ...validSubmission,
      program: 'mbbs',
      score: 90,
      maxScore: 80,
      assessmentType: 'quiz',
      gradedAt: 'yesterday',
      yearOfStudy: 0,
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(new Set(fields)).toEqual(new Set(['program', 'score', 'assessmentType', 'gradedAt', 'yearOfStudy']));
  });

  it('rejects a non-object and a zero maxScore', () => {
    expect(validatePayload(GradeSubmissionV1, 'x')).toMatchObject({ ok: false });
    const zero = validatePayload(GradeSubmissionV1, { ...validSubmission, score: 0, maxScore: 0 });
    expect(zero.ok ? [] : zero.problems.map((p) => p.field)).toEqual(['maxScore']);
  });
});

describe('student directory update validation', () => {
  it('accepts what a OneRoster users.csv row carries and catalogues it on its own topic', () => {
    const update = {
      studentId: 'S-1001',
      displayName: 'Aoife Ní Bhriain',
      preferredName: 'Aoife',
      email: 'aoife@example.edu',
      identifiers: [{ type: 'username', value: 'aoife.nibhriain' }],
      program: 'MBBS',
      yearOfStudy: 2,
      source: 'oneroster',
      asOf: '2026-10-01T10:00:00Z',
    };
    expect(validatePayload(StudentDirectoryUpdatedV1, update)).toMatchObject({ ok: true });
    expect(validatePayload(StudentDirectoryUpdatedV1, { studentId: 'S-1', source: 'student-import', asOf: '2026-10-01T10:00:00Z' })).toMatchObject({ ok: true });
    expect(EVENT_CATALOG[STUDENT_DIRECTORY_UPDATED_V1].topic).toBe('students.directory-updated.v1');
  });

  it('names every bad field', () => {
    const result = validatePayload(StudentDirectoryUpdatedV1, { studentId: 'S 1', email: 'nope', source: 'csv', asOf: 'today', identifiers: [{ type: 'x' }] });
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(new Set(fields)).toEqual(new Set(['studentId', 'email', 'source', 'asOf', 'identifiers.0.value']));
  });
});
