import { ENVELOPE_HEADERS, EventEnvelope } from '@mentoring/contracts';
import { activeTraceparent } from '@mentoring/observability';
import { EntityManager, QueryRunner } from 'typeorm';
import { TopicResolver } from '../kafka/topics';

/** Channel the relay LISTENs on: a wake-up hint only, polling stays underneath. */
export const OUTBOX_WAKEUP_CHANNEL = 'outbox_wakeup';

/** A message for the outbox that is not an envelope (dead letters keep the original value). */
export interface RawOutboxMessage {
  id: string;
  topic: string;
  key: string;
  type: string;
  payload: string;
  headers: Record<string, string>;
}

/**
 * Writes outgoing events into the outbox table inside the caller's transaction, so state and
 * events commit together or not at all.
 */
export class OutboxWriter {
  /** Transactions that already asked for a wake-up: a batch of handlers appends many times. */
  private readonly notified = new WeakSet<QueryRunner>();

  constructor(
    private readonly topics: TopicResolver,
    private readonly aggregateType: string,
  ) {}

  /** Appends envelopes (in order) for `topic`; call with the transaction's EntityManager. */
  async append(manager: EntityManager, topic: string, envelopes: EventEnvelope[]): Promise<void> {
    await this.appendRaw(
      manager,
      envelopes.map((envelope) => ({
        id: envelope.id,
        topic: this.topics.resolve(topic),
        key: envelope.subject,
        type: envelope.type,
        payload: JSON.stringify(envelope),
        headers: {
          [ENVELOPE_HEADERS.id]: envelope.id,
          [ENVELOPE_HEADERS.type]: envelope.type,
          [ENVELOPE_HEADERS.correlationId]: envelope.correlationId,
        },
      })),
    );
  }

  /** Appends already-encoded messages; the topic is used as given. */
  async appendRaw(manager: EntityManager, messages: RawOutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    // The trace of the request or event handler writing the rows: the relay publishes under it.
    const traceparent = activeTraceparent() ?? null;
    // Chunked multi-row inserts keep large batches (10,000 grades) to a few round trips.
    for (let start = 0; start < messages.length; start += 1000) {
      const chunk = messages.slice(start, start + 1000);
      const values: unknown[] = [];
      const rows = chunk.map((message, index) => {
        const base = index * 8;
        values.push(message.id, message.topic, this.aggregateType, message.key, message.type, message.payload, message.headers, traceparent);
        return `(${[1, 2, 3, 4, 5, 6, 7, 8].map((column) => `$${base + column}`).join(', ')})`;
      });
      await manager.query(
        `INSERT INTO outbox (id, topic, aggregatetype, aggregateid, type, payload, headers, traceparent)
         VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
        values,
      );
    }
    await this.wakeRelayOnCommit(manager);
  }

  // PostgreSQL delivers a transaction's identical notifications once, at commit; one is enough.
  private async wakeRelayOnCommit(manager: EntityManager): Promise<void> {
    const transaction = manager.queryRunner?.isTransactionActive ? manager.queryRunner : undefined;
    if (transaction && this.notified.has(transaction)) return;
    await manager.query(`SELECT pg_notify('${OUTBOX_WAKEUP_CHANNEL}', '')`);
    if (transaction) this.notified.add(transaction);
  }
}
