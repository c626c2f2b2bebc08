import { createHash } from 'node:crypto';
import {
  createEnvelope,
  describeProblems,
  ENVELOPE_HEADERS,
  EventEnvelope,
  FieldProblem,
  GRADE_SUBMITTED_V1,
  IDENTIFIER,
  ValidationResult,
} from '@mentoring/contracts';
import { decodeEnvelope, decodeJsonValue, eventIdFromHeaders, IncomingRecord, MessageDecoder, PermanentError } from '@mentoring/messaging';
import { ValidGrade } from './domain';

/** Kafka header naming the feed a submission belongs to. */
export const FEED_HEADER = 'feed';

const MAX_FEED_LENGTH = 64;

export interface GradeSubmissionDecoding {
  /** Feed of messages without a `feed` header. */
  defaultFeed: string;
  /** Feeds a `feed` header may name; any other is refused, since any producer on the topic can set headers. */
  allowedFeeds: readonly string[];
  validate(plain: unknown): ValidationResult<ValidGrade>;
}

/** The dead-letter error of a submission that breaks the grade rules, naming every problem. */
export function invalidGradeError(problems: FieldProblem[]): PermanentError {
  return new PermanentError('invalid-grade', `grade submission is invalid: ${describeProblems(problems)}`, problems);
}

/**
 * Decodes `registrar.grades.submitted.v1`, whose registrar systems send bare grade records (or,
 * from platform tooling, `grades.submitted.v1` envelopes). The envelope's `source` is the feed the
 * grade is recorded under: the `feed` header when it names an allowed feed, else the configured
 * default; a header naming any other feed is dead-lettered as `feed-not-allowed`.
 *
 * The grade is validated here rather than in the handler so that one dead letter lists every
 * problem, contract and service rules alike, under one reason (`invalid-grade`).
 */
export function gradeSubmissionDecoder(decoding: GradeSubmissionDecoding): MessageDecoder {
  return (record) => {
    const value = decodeJsonValue(record);
    const feed = feedOf(record, decoding);
    if (looksLikeEnvelope(value)) return unwrapEnvelope(record, feed, decoding);
    const grade = validGrade(value, decoding);
    return createEnvelope({
      // Redelivery of the same record (same offset) gets the same id, so the inbox drops it.
      id: eventIdFromHeaders(record) ?? recordEventId(record),
      type: GRADE_SUBMITTED_V1,
      source: feed,
      subject: grade.studentId,
      data: value,
      correlationId: record.headers[ENVELOPE_HEADERS.correlationId],
    });
  };
}

function looksLikeEnvelope(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'type' in value && 'data' in value;
}

function unwrapEnvelope(record: IncomingRecord, feed: string, decoding: GradeSubmissionDecoding): EventEnvelope {
  const envelope = decodeEnvelope(record);
  // Other types and versions go on to the pipeline, which dead-letters them as unknown or unsupported.
  if (envelope.type !== GRADE_SUBMITTED_V1) return envelope;
  validGrade(envelope.data, decoding);
  return { ...envelope, source: feed };
}

function validGrade(value: unknown, decoding: GradeSubmissionDecoding): ValidGrade {
  const checked = decoding.validate(value);
  if (checked.ok) return checked.value;
  throw invalidGradeError(checked.problems);
}

function feedOf(record: IncomingRecord, { defaultFeed, allowedFeeds }: GradeSubmissionDecoding): string {
  const feed = record.headers[FEED_HEADER];
  if (feed === undefined || feed === defaultFeed) return defaultFeed;
  if (feed.length > MAX_FEED_LENGTH || !IDENTIFIER.test(feed)) {
    throw new PermanentError('invalid-feed', `header ${FEED_HEADER} must be an identifier of at most ${MAX_FEED_LENGTH} characters (letters, digits, . _ : - /)`, [
      { field: `headers.${FEED_HEADER}`, problem: 'must be an identifier of at most 64 characters' },
    ]);
  }
  if (allowedFeeds.includes(feed)) return feed;
  // Recording it would file grades under another feed's identities (duplicates, amendments) on a header's word.
  throw new PermanentError('feed-not-allowed', `header ${FEED_HEADER} names feed "${feed}", which is not allowed on this topic (REGISTRAR_TOPIC_FEEDS)`, [
    { field: `headers.${FEED_HEADER}`, problem: `feed "${feed}" is not allowed on this topic` },
  ]);
}

/** A UUID-shaped id derived from where the record sits in the log (version nibble 8: custom). */
export function recordEventId({ topic, partition, offset }: Pick<IncomingRecord, 'topic' | 'partition' | 'offset'>): string {
  const hex = createHash('sha256').update(`${topic}/${partition}/${offset}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
