import { randomUUID } from 'node:crypto';

/**
 * CloudEvents-style envelope carried as the Kafka message value. `subject` is the studentId and
 * also the message key, so one student's events stay in order on one partition.
 */
export interface EventEnvelope<TData = unknown> {
  id: string;
  /** `<name>.v<major>`, e.g. `grades.recorded.v1`. */
  type: string;
  source: string;
  time: string;
  subject: string;
  correlationId: string;
  causationId: string | null;
  data: TData;
}

/** Kafka header names that mirror envelope fields, so tooling can route without parsing values. */
export const ENVELOPE_HEADERS = {
  id: 'event-id',
  type: 'event-type',
  correlationId: 'correlation-id',
} as const;

export interface NewEnvelope<TData> {
  type: string;
  source: string;
  subject: string;
  data: TData;
  /** The event (or request) that caused this one; its correlation id is carried forward. */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  correlationId?: string;
  id?: string;
  time?: Date;
}

/** Builds an envelope; a caused event inherits its cause's correlation id. */
export function createEnvelope<TData>(input: NewEnvelope<TData>): EventEnvelope<TData> {
  const id = input.id ?? randomUUID();
  return {
    id,
    type: input.type,
    source: input.source,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    correlationId: input.cause?.correlationId ?? input.correlationId ?? id,
    causationId: input.cause?.id ?? null,
    data: input.data,
  };
}

export interface ParsedEventType {
  name: string;
  major: number;
}

const EVENT_TYPE = /^([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*)\.v(\d+)$/;

/** Splits `grades.recorded.v1` into its name and major version; undefined when malformed. */
export function parseEventType(type: string): ParsedEventType | undefined {
  const match = EVENT_TYPE.exec(type);
  return match ? { name: match[1], major: Number(match[2]) } : undefined;
}
