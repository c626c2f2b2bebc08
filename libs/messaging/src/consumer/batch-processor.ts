import { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { describeError } from '../errors';
import { MessagingLogger } from '../logger';
import { MessagingMetrics } from '../metrics';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { EventPipeline, RejectedRecord } from './event-pipeline';
import { IncomingRecord } from './message-decoding';

export interface BatchProcessorOptions {
  pipeline: Pick<EventPipeline, 'process' | 'processTogether' | 'classify'>;
  deadLetters: Pick<DeadLetterStore, 'record'>;
  logger: MessagingLogger;
  metrics?: MessagingMetrics;
  /** Unclassified handler errors are retried this many times before the message is dead-lettered. */
  maxAttemptsForUnknownErrors?: number;
  maxRetryDelayMs?: number;
  /** Records of one partition handled in one transaction (fewer commits, one inbox insert). */
  maxRecordsPerTransaction?: number;
}

/** The parts of kafkajs's `eachBatch` payload the processor uses (a fake batch in unit tests). */
export type PartitionBatch = Pick<EachBatchPayload, 'resolveOffset' | 'heartbeat' | 'isRunning' | 'isStale' | 'commitOffsetsIfNecessary'> & {
  batch: Pick<EachBatchPayload['batch'], 'topic' | 'partition' | 'messages'>;
};

const DEFAULT_MAX_RECORDS_PER_TRANSACTION = 200;

/** What the batch loop needs of the partition it works on. */
interface PartitionControl {
  heartbeat: () => Promise<void>;
  stillOwned: () => boolean;
  resolveOffset: (offset: string) => void;
}

/**
 * Handles one partition's batch: a chunk of records per transaction, offsets marked only after
 * that transaction committed (or after a record was dead-lettered). A failed chunk is handled
 * again record by record. Transient failures are retried in place with backoff while
 * heartbeating, so the partition never skips a record and the member keeps its assignment.
 */
export class BatchProcessor {
  constructor(private readonly options: BatchProcessorOptions) {}

  /**
   * Works through the partition's batch in chunks, each handled in one transaction. Offsets are
   * resolved only once a chunk's records are all committed or dead-lettered.
   */
  async processBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: PartitionBatch): Promise<void> {
    const stillOwned = () => isRunning() && !isStale();
    const chunkSize = this.options.maxRecordsPerTransaction ?? DEFAULT_MAX_RECORDS_PER_TRANSACTION;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!stillOwned()) return;
      const records = batch.messages.slice(start, start + chunkSize).map((message) => toIncomingRecord(batch.topic, batch.partition, message));
      const completed = await this.processChunk(records, { heartbeat, stillOwned, resolveOffset });
      if (!completed) return;
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** Returns false when the consumer is stopping before every record of the chunk could be completed. */
  private async processChunk(records: IncomingRecord[], partition: PartitionControl): Promise<boolean> {
    if (records.length > 1 && (await this.processTogether(records, partition))) return true;
    for (const record of records) {
      if (!partition.stillOwned()) return false;
      if (!(await this.processWithRetries(record, partition.heartbeat, partition.stillOwned))) return false;
      partition.resolveOffset(record.offset);
    }
    return true;
  }

  /**
   * One transaction for the chunk; records that cannot even be decoded are dead-lettered after it.
   * False when the transaction failed (a handler refused a record, the database went away): the
   * caller then handles the records one by one, which dead-letters a poison record alone and
   * retries transient failures in place.
   */
  private async processTogether(records: IncomingRecord[], partition: PartitionControl): Promise<boolean> {
    let rejected: RejectedRecord[];
    try {
      rejected = await this.options.pipeline.processTogether(records);
    } catch (error) {
      this.options.logger.info({ ...describeError(error), records: records.length }, 'batch transaction failed; handling its records one by one');
      return false;
    }
    for (const { record, error } of rejected) {
      if (!(await this.deadLetter(record, error, partition.heartbeat, partition.stillOwned))) return false;
    }
    partition.resolveOffset(records[records.length - 1].offset);
    return true;
  }

  /** Returns false when the consumer is stopping before the record could be completed. */
  private async processWithRetries(record: IncomingRecord, heartbeat: () => Promise<void>, stillOwned: () => boolean): Promise<boolean> {
    const { pipeline, logger } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await pipeline.process(record);
        return true;
      } catch (error) {
        const decision = pipeline.classify(error, attempt, this.options.maxAttemptsForUnknownErrors ?? 3);
        if (decision === 'dead-letter') return this.deadLetter(record, error, heartbeat, stillOwned);
        this.options.metrics?.eventsFailed.inc({ topic: record.topic, reason: 'retry' });
        logger.warn({ ...describeError(error), attempt, topic: record.topic, offset: record.offset }, 'handling failed; retrying');
        if (!(await this.backoff(attempt, heartbeat, stillOwned))) return false;
      }
    }
  }

  private async deadLetter(record: IncomingRecord, error: unknown, heartbeat: () => Promise<void>, stillOwned: () => boolean): Promise<boolean> {
    const recorded = await this.deadLetterWithRetries(record, error, heartbeat, stillOwned);
    if (recorded) {
      this.options.logger.warn({ ...describeError(error), topic: record.topic, partition: record.partition, offset: record.offset }, 'message dead-lettered');
      this.options.metrics?.eventsFailed.inc({ topic: record.topic, reason: 'dead-lettered' });
    }
    return recorded;
  }

  private async deadLetterWithRetries(record: IncomingRecord, cause: unknown, heartbeat: () => Promise<void>, stillOwned: () => boolean): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.deadLetters.record(record, cause);
        return true;
      } catch (error) {
        this.options.logger.warn({ ...describeError(error), attempt }, 'could not store dead letter; retrying');
        if (!(await this.backoff(attempt, heartbeat, stillOwned))) return false;
      }
    }
  }

  /** Waits 200ms * 2^attempt (capped), heartbeating so the group keeps this member. */
  private async backoff(attempt: number, heartbeat: () => Promise<void>, stillOwned: () => boolean): Promise<boolean> {
    const delay = Math.min(200 * 2 ** (attempt - 1), this.options.maxRetryDelayMs ?? 10_000);
    const until = Date.now() + delay;
    while (Date.now() < until) {
      if (!stillOwned()) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, until - Date.now())));
      await heartbeat().catch(() => undefined);
    }
    return stillOwned();
  }
}

function toIncomingRecord(topic: string, partition: number, message: KafkaMessage): IncomingRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value,
    headers,
  };
}
