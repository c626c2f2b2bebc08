import { createEnvelope, EventEnvelope } from '@mentoring/contracts';
import { IsInt, IsString } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { EventHandler } from '../consumer/event-handler';
import { IncomingRecord } from '../consumer/message-decoding';
import { PermanentError } from '../errors';
import { MessagingLogger } from '../logger';

/**
 * Just enough of a transactional database for the consumer's unit tests: the inbox insert and an
 * `effects` table, both kept only when the transaction commits. `log` lists begin/commit/rollback.
 */
export class FakeDatabase {
  readonly log: string[] = [];
  /** Effects (event ids) of committed transactions, in commit order. */
  readonly effects: string[] = [];
  private readonly inbox = new Set<string>();
  private transactions = 0;

  readonly dataSource = { transaction: (work: (manager: EntityManager) => Promise<unknown>) => this.transaction(work) } as unknown as DataSource;

  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.transactions += 1;
    const id = this.transactions;
    const pending = { inbox: new Set<string>(), effects: [] as string[] };
    const manager = { query: async (sql: string, values: unknown[] = []) => this.query(sql, values, pending) } as unknown as EntityManager;
    this.log.push(`begin ${id}`);
    try {
      const result = await work(manager);
      for (const key of pending.inbox) this.inbox.add(key);
      this.effects.push(...pending.effects);
      this.log.push(`commit ${id}`);
      return result;
    } catch (error) {
      this.log.push(`rollback ${id}`);
      throw error;
    }
  }

  private query(sql: string, values: unknown[], pending: { inbox: Set<string>; effects: string[] }): unknown[] {
    if (sql.startsWith('INSERT INTO effects')) {
      pending.effects.push(String(values[0]));
      return [];
    }
    if (!sql.trim().startsWith('INSERT INTO inbox')) throw new Error(`the fake database does not know: ${sql}`);
    const fresh: { event_id: string }[] = [];
    // Rows of (consumer_group, event_id, type, topic, partition, offset, traceparent), as the pipeline sends them.
    for (let index = 0; index < values.length; index += 7) {
      const key = `${String(values[index])}/${String(values[index + 1])}`;
      if (this.inbox.has(key) || pending.inbox.has(key)) continue;
      pending.inbox.add(key);
      fresh.push({ event_id: String(values[index + 1]) });
    }
    return fresh;
  }
}

export class CounterV1 {
  @IsString() studentId!: string;
  @IsInt() n!: number;
}
export const COUNTER_V1 = 'testing.counter.v1';
export const COUNTER_TOPIC = 'testing.counters.v1';

export function counterEvent(n: number, studentId = 'student-1'): EventEnvelope<CounterV1> {
  return createEnvelope({ type: COUNTER_V1, source: 'test', subject: studentId, data: { studentId, n } });
}

/** A Kafka record carrying `value` (an envelope is JSON-encoded; a string is sent as is). */
export function recordOf(value: object | string, offset: number, topic = COUNTER_TOPIC): IncomingRecord {
  return {
    topic,
    partition: 0,
    offset: String(offset),
    key: 'student-1',
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: {},
  };
}

/**
 * Writes one effect per event; refuses (PermanentError) the events `refuse` names, and throws
 * `failWith()` while it returns an error (an outage).
 */
export function counterHandler(options: { refuse?: (data: CounterV1) => boolean; failWith?: () => Error | undefined } = {}): EventHandler<CounterV1> {
  return {
    type: COUNTER_V1,
    payload: CounterV1,
    async handle({ envelope, data, manager }) {
      const outage = options.failWith?.();
      if (outage) throw outage;
      if (options.refuse?.(data)) throw new PermanentError('handler-rejected', `event ${data.n} is refused`);
      await manager.query('INSERT INTO effects (event_id) VALUES ($1)', [envelope.id]);
    },
  };
}

export const silentLogger: MessagingLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
