import { randomUUID } from 'node:crypto';
import { deadLetterTopic, ENVELOPE_HEADERS } from '@mentoring/contracts';
import { DeadLetterEntity, DeadLetterStatus } from '@mentoring/persistence';
import { DataSource } from 'typeorm';
import { describeError, PermanentError } from '../errors';
import { MessagingMetrics } from '../metrics';
import { OutboxWriter } from '../outbox/outbox-writer';
import { EventPipeline, ProcessOutcome } from '../consumer/event-pipeline';
import { IncomingRecord } from '../consumer/message-decoding';

/** Dead-letter header names, after Spring Kafka's conventions so common tooling understands them. */
export const DEAD_LETTER_HEADERS = {
  originalTopic: 'kafka_dlt-original-topic',
  originalPartition: 'kafka_dlt-original-partition',
  originalOffset: 'kafka_dlt-original-offset',
  originalConsumerGroup: 'kafka_dlt-original-consumer-group',
  exceptionClass: 'kafka_dlt-exception-fqcn',
  exceptionMessage: 'kafka_dlt-exception-message',
  reason: 'dlt-reason',
} as const;

export interface DeadLetterQuery {
  status?: DeadLetterStatus;
  topic?: string;
  limit?: number;
  offset?: number;
}

export type ReplayResult =
  | { status: 'replayed'; outcome: ProcessOutcome; deadLetter: DeadLetterEntity }
  | { status: 'failed'; error: string; deadLetter: DeadLetterEntity };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Stores dead letters in the service database and, in the same transaction, queues them for
 * `<topic>.dlq` through the outbox, so the table and the topic never disagree.
 */
export class DeadLetterStore {
  private readonly storedListeners = new Map<string, Array<() => void>>();

  constructor(
    private readonly consumerGroup: string,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly pipeline: EventPipeline,
    private readonly metrics?: MessagingMetrics,
  ) {}

  /** Records a message that cannot be handled; a redelivered poison message is stored once. */
  async record(record: IncomingRecord, error: unknown): Promise<void> {
    const { errorClass, errorMessage } = describeError(error);
    const reason = error instanceof PermanentError ? error.reason : 'handler-error';
    const { value, encoding } = encodeValue(record.value);
    const headers: Record<string, string> = {
      ...record.headers,
      [DEAD_LETTER_HEADERS.originalTopic]: record.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(record.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: record.offset,
      [DEAD_LETTER_HEADERS.originalConsumerGroup]: this.consumerGroup,
      [DEAD_LETTER_HEADERS.exceptionClass]: errorClass,
      [DEAD_LETTER_HEADERS.exceptionMessage]: errorMessage.slice(0, 2000),
      [DEAD_LETTER_HEADERS.reason]: reason,
    };
    const id = randomUUID();
    const stored = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO dead_letters (id, consumer_group, topic, partition, "offset", message_key, value, value_encoding,
           headers, event_id, event_type, reason, error_class, error_message)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (consumer_group, topic, partition, "offset") DO NOTHING RETURNING id`,
        [id, this.consumerGroup, record.topic, record.partition, record.offset, record.key, value, encoding,
          record.headers, record.headers[ENVELOPE_HEADERS.id] ?? null, record.headers[ENVELOPE_HEADERS.type] ?? null, reason, errorClass, errorMessage],
      );
      if (inserted.length === 0) return false;
      await this.outbox.appendRaw(manager, [
        {
          id,
          topic: deadLetterTopic(record.topic),
          key: record.key ?? '',
          type: 'dead-letter',
          payload: value,
          headers,
        },
      ]);
      return true;
    });
    if (!stored) return;
    this.metrics?.deadLetters.inc({ topic: record.topic, reason });
    this.metrics?.deadLettersPending.inc();
    for (const listener of this.storedListeners.get(record.topic) ?? []) listener();
  }

  /** Calls `listener` after each new dead letter of `brokerTopic` is stored (a redelivered one is not new). */
  onStored(brokerTopic: string, listener: () => void): void {
    this.storedListeners.set(brokerTopic, [...(this.storedListeners.get(brokerTopic) ?? []), listener]);
  }

  async list(query: DeadLetterQuery = {}): Promise<{ items: DeadLetterEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(DeadLetterEntity).findAndCount({
      where: { ...(query.status ? { status: query.status } : {}), ...(query.topic ? { topic: query.topic } : {}) },
      order: { createdAt: 'DESC' },
      take: Math.min(query.limit ?? 50, 500),
      skip: query.offset ?? 0,
    });
    return { items, total };
  }

  async get(id: string): Promise<DeadLetterEntity | null> {
    return this.dataSource.getRepository(DeadLetterEntity).findOneBy({ id });
  }

  async countPending(): Promise<number> {
    return this.dataSource.getRepository(DeadLetterEntity).countBy({ status: 'pending' });
  }

  /**
   * Runs a pending dead letter through the same pipeline as live traffic. The inbox still
   * guarantees one effect, so replaying twice (or replaying an event that meanwhile arrived
   * again) does nothing more.
   */
  async replay(id: string): Promise<ReplayResult | undefined> {
    const repository = this.dataSource.getRepository(DeadLetterEntity);
    const deadLetter = await repository.findOneBy({ id });
    if (!deadLetter) return undefined;
    if (deadLetter.status !== 'pending') {
      throw new PermanentError('not-pending', `dead letter ${id} is ${deadLetter.status}; only pending ones can be replayed`);
    }
    try {
      const outcome = await this.pipeline.process(toIncomingRecord(deadLetter));
      await repository.update({ id }, { status: 'replayed', resolvedAt: new Date(), replayAttempts: deadLetter.replayAttempts + 1 });
      this.metrics?.deadLettersPending.dec();
      return { status: 'replayed', outcome, deadLetter: (await repository.findOneByOrFail({ id })) };
    } catch (error) {
      const { errorMessage } = describeError(error);
      await repository.update({ id }, { replayAttempts: deadLetter.replayAttempts + 1, lastReplayError: errorMessage });
      return { status: 'failed', error: errorMessage, deadLetter: await repository.findOneByOrFail({ id }) };
    }
  }

  /** Marks a dead letter as deliberately not to be replayed. */
  async discard(id: string): Promise<DeadLetterEntity | null> {
    const repository = this.dataSource.getRepository(DeadLetterEntity);
    const { affected } = await repository.update({ id, status: 'pending' }, { status: 'discarded', resolvedAt: new Date() });
    if (affected) this.metrics?.deadLettersPending.dec();
    return repository.findOneBy({ id });
  }
}

function encodeValue(value: Buffer | null): { value: string; encoding: 'utf8' | 'base64' } {
  if (!value) return { value: '', encoding: 'utf8' };
  try {
    return { value: UTF8.decode(value), encoding: 'utf8' };
  } catch {
    return { value: value.toString('base64'), encoding: 'base64' };
  }
}

function toIncomingRecord(deadLetter: DeadLetterEntity): IncomingRecord {
  const original = Object.fromEntries(
    Object.entries(deadLetter.headers).filter(([name]) => !Object.values(DEAD_LETTER_HEADERS).includes(name as never)),
  );
  return {
    topic: deadLetter.topic,
    partition: deadLetter.partition,
    offset: deadLetter.offset,
    key: deadLetter.messageKey,
    value: Buffer.from(deadLetter.value, deadLetter.valueEncoding === 'base64' ? 'base64' : 'utf8'),
    headers: original,
  };
}
