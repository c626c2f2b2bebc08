import { createEnvelope, GRADE_SUBMITTED_V1 } from '@mentoring/contracts';
import { IncomingRecord, PermanentError } from '@mentoring/messaging';
import { DEFAULT_PROGRAMS, validateGradeSubmission } from './domain';
import { gradeSubmissionDecoder, recordEventId } from './grade-submission.decoder';

const submission = {
  studentId: 'S-1001',
  program: 'MBBS',
  yearOfStudy: 2,
  courseCode: 'ANAT201',
  assessmentId: 'anat201-midterm',
  assessmentType: 'summative',
  score: 62,
  maxScore: 100,
  gradedAt: '2025-05-30T07:15:00Z',
  sourceRecordId: 'sis-778',
};

const decode = gradeSubmissionDecoder({
  defaultFeed: 'kafka',
  allowedFeeds: ['sis-north', 'lms-gradebook'],
  validate: (plain) =>
    validateGradeSubmission(plain, { now: new Date('2025-06-01T00:00:00Z'), maxFutureSkewMs: 300_000, knownPrograms: DEFAULT_PROGRAMS }),
});

function record(value: unknown, headers: Record<string, string> = {}, offset = '7'): IncomingRecord {
  return { topic: 'registrar.grades.submitted.v1', partition: 1, offset, key: 'S-1001', value: Buffer.from(JSON.stringify(value)), headers };
}

function refusal(incoming: IncomingRecord): PermanentError {
  try {
    decode(incoming);
  } catch (error) {
    if (error instanceof PermanentError) return error;
    throw error;
  }
  throw new Error('expected the record to be refused');
}

describe('gradeSubmissionDecoder', () => {
  it('wraps a bare record in an envelope whose id is stable for its place in the log', () => {
    const envelope = decode(record(submission, { 'correlation-id': 'corr-1' }));

    expect(envelope).toMatchObject({ type: GRADE_SUBMITTED_V1, source: 'kafka', subject: 'S-1001', correlationId: 'corr-1', data: submission });
    expect(envelope.id).toBe(decode(record(submission)).id);
    expect(envelope.id).not.toBe(decode(record(submission, {}, '8')).id);
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('records the grade under the feed the header names when that feed is allowed on the topic', () => {
    expect(decode(record(submission, { feed: 'sis-north' })).source).toBe('sis-north');
    expect(decode(record(submission, { feed: 'kafka' })).source).toBe('kafka');
  });

  it('refuses a header naming a feed that is not allowed on the topic, bare record or envelope alike', () => {
    const forged = refusal(record(submission, { feed: 'sis-south' }));
    const sent = createEnvelope({ type: GRADE_SUBMITTED_V1, source: 'sis-north', subject: 'S-1001', data: submission });

    expect(forged.reason).toBe('feed-not-allowed');
    expect(forged.message).toContain('"sis-south"');
    expect(forged.problems).toEqual([{ field: 'headers.feed', problem: 'feed "sis-south" is not allowed on this topic' }]);
    expect(refusal(record(sent, { feed: 'SIS-NORTH' })).reason).toBe('feed-not-allowed');
  });

  it('accepts only records without a feed header when no feed is allowed', () => {
    const strict = gradeSubmissionDecoder({
      defaultFeed: 'kafka',
      allowedFeeds: [],
      validate: (plain) => ({ ok: true, value: plain as never }),
    });

    expect(strict(record(submission)).source).toBe('kafka');
    expect(() => strict(record(submission, { feed: 'sis-north' }))).toThrow(expect.objectContaining({ reason: 'feed-not-allowed' }));
  });

  it('unwraps a grades.submitted.v1 envelope and keeps its id and correlation', () => {
    const sent = createEnvelope({ type: GRADE_SUBMITTED_V1, source: 'registrar-tool', subject: 'S-1001', data: submission, correlationId: 'corr-9' });

    expect(decode(record(sent))).toMatchObject({ id: sent.id, correlationId: 'corr-9', source: 'kafka', data: submission });
  });

  it('passes envelopes of other types on, for the pipeline to dead-letter as unknown', () => {
    const other = createEnvelope({ type: 'grades.submitted.v2', source: 'x', subject: 'S-1001', data: submission });

    expect(decode(record(other)).type).toBe('grades.submitted.v2');
  });

  it('refuses an invalid grade with every problem at once', () => {
    const error = refusal(record({ ...submission, program: 'DENT', score: 120, gradedAt: undefined }));

    expect(error.reason).toBe('invalid-grade');
    expect(error.problems.map((p) => p.field).sort()).toEqual(['gradedAt', 'program', 'score']);
    expect(error.message).toContain('score: must not be greater than maxScore');
  });

  it('refuses a feed header that is not an identifier', () => {
    expect(refusal(record(submission, { feed: 'bad feed!' })).reason).toBe('invalid-feed');
  });

  it('refuses a value that is not JSON', () => {
    expect(refusal({ ...record(submission), value: Buffer.from('{"studentId":') }).reason).toBe('invalid-json');
  });

  it('derives distinct ids for distinct partitions', () => {
    expect(recordEventId({ topic: 't', partition: 0, offset: '1' })).not.toBe(recordEventId({ topic: 't', partition: 1, offset: '1' }));
  });
});
