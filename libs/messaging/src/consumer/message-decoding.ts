import { ENVELOPE_HEADERS, EventEnvelope, FieldProblem, parseEventType } from '@mentoring/contracts';
import { PermanentError } from '../errors';

/** The parts of a Kafka record the pipeline needs; also rebuilt from a stored dead letter on replay. */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Turns a record into an envelope, or throws a PermanentError saying why it cannot. */
export type MessageDecoder = (record: IncomingRecord) => EventEnvelope;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes the value as strict UTF-8 JSON. */
export function decodeJsonValue(record: IncomingRecord): unknown {
  if (!record.value || record.value.length === 0) throw new PermanentError('empty-message', 'message has no value');
  let text: string;
  try {
    text = UTF8.decode(record.value);
  } catch {
    throw new PermanentError('invalid-encoding', 'message value is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PermanentError('invalid-json', `message value is not JSON: ${(error as Error).message}`);
  }
}

const REQUIRED_STRING_FIELDS = ['id', 'type', 'source', 'time', 'subject', 'correlationId'] as const;

/** The default decoder: the value is an event envelope (see libs/contracts). */
export const decodeEnvelope: MessageDecoder = (record) => {
  const value = decodeJsonValue(record);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PermanentError('invalid-envelope', 'message value is not a JSON object');
  }
  const candidate = value as Record<string, unknown>;
  const problems: FieldProblem[] = REQUIRED_STRING_FIELDS.filter((field) => typeof candidate[field] !== 'string' || candidate[field] === '').map(
    (field) => ({ field, problem: 'must be a non-empty string' }),
  );
  if (!('data' in candidate)) problems.push({ field: 'data', problem: 'is required' });
  if (typeof candidate.type === 'string' && !parseEventType(candidate.type)) {
    problems.push({ field: 'type', problem: 'must look like <name>.v<major>' });
  }
  if (problems.length > 0) {
    throw new PermanentError('invalid-envelope', `envelope is invalid: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`, problems);
  }
  return { causationId: null, ...candidate } as unknown as EventEnvelope;
};

/** Header names that carry the envelope's identity, for records whose value is not an envelope. */
export function eventIdFromHeaders(record: IncomingRecord): string | undefined {
  return record.headers[ENVELOPE_HEADERS.id];
}
