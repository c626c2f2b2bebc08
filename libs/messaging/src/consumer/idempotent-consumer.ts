import { Consumer, Kafka } from 'kafkajs';
import { describeError } from '../errors';
import { MessagingLogger } from '../logger';
import { MessagingMetrics } from '../metrics';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { BatchProcessor } from './batch-processor';
import { EventPipeline } from './event-pipeline';

export interface IdempotentConsumerOptions {
  kafka: Kafka;
  groupId: string;
  pipeline: EventPipeline;
  deadLetters: DeadLetterStore;
  logger: MessagingLogger;
  metrics?: MessagingMetrics;
  fromBeginning?: boolean;
  /** Unclassified handler errors are retried this many times before the message is dead-lettered. */
  maxAttemptsForUnknownErrors?: number;
  maxRetryDelayMs?: number;
  sessionTimeoutMs?: number;
  /** Records of one partition handled in one transaction (fewer commits, one inbox insert). */
  maxRecordsPerTransaction?: number;
  /** Partitions whose batches are handled at the same time, each on its own database connection. */
  partitionsConsumedConcurrently?: number;
}

/**
 * A consumer group member that hands each partition's batch to a BatchProcessor: a chunk per
 * transaction, offsets marked only after it committed or its poison records were dead-lettered.
 * Transient failures are retried in place with backoff while heartbeating; when the
 * infrastructure is down every partition is blocked anyway, so pausing single partitions would
 * buy nothing.
 */
export class IdempotentConsumer {
  private consumer?: Consumer;
  private lagTimer?: NodeJS.Timeout;
  private readonly batches: BatchProcessor;

  constructor(private readonly options: IdempotentConsumerOptions) {
    this.batches = new BatchProcessor(options);
  }

  async start(): Promise<void> {
    const { kafka, groupId, pipeline } = this.options;
    this.consumer = kafka.consumer({
      groupId,
      // A crashed member holds its partitions until its session expires; 10 s keeps recovery
      // quick while leaving room for a slow handler between heartbeats.
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 2_000,
      // Bounds how long a graceful stop waits for an idle long poll to return.
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: pipeline.brokerTopics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      // Partitions hold different keys (students), so handling them in parallel keeps per-key order.
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.batches.processBatch(payload),
    });
    this.lagTimer = setInterval(() => void this.recordLag(), 10_000);
    this.lagTimer.unref();
  }

  /** Stops fetching, lets the record in flight finish and commits what was resolved. */
  async stop(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async recordLag(): Promise<void> {
    const { kafka, groupId, pipeline, metrics } = this.options;
    if (!metrics) return;
    const admin = kafka.admin();
    try {
      await admin.connect();
      const committed = await admin.fetchOffsets({ groupId, topics: pipeline.brokerTopics });
      for (const { topic, partitions } of committed) {
        const latest = await admin.fetchTopicOffsets(topic);
        for (const { partition, offset } of partitions) {
          const high = latest.find((entry) => entry.partition === partition)?.high ?? '0';
          const current = Number(offset) < 0 ? 0 : Number(offset);
          metrics.consumerLag.set({ group: groupId, topic, partition: String(partition) }, Math.max(0, Number(high) - current));
        }
      }
    } catch (error) {
      this.options.logger.debug(describeError(error), 'could not read consumer lag');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
