import { createHash } from 'node:crypto';
import { KafkaConnection } from '@mentoring/config';
import { deadLetterTopic, namespacedTopic } from '@mentoring/contracts';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { IdempotentConsumer } from './consumer/idempotent-consumer';
import { Subscription } from './consumer/event-handler';
import { ContextRunner, EventPipeline } from './consumer/event-pipeline';
import { DeadLetterStore } from './dead-letters/dead-letter-store';
import { createKafka } from './kafka/kafka-client';
import { ensureTopics, TopicResolver } from './kafka/topics';
import { MessagingLogger } from './logger';
import { MessagingMetrics } from './metrics';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxWriter } from './outbox/outbox-writer';

const DEFAULT_PARTITIONS = 3;

export interface MessagingRuntimeOptions {
  serviceName: string;
  /**
   * Defaults to the service name within the topic namespace: replicas of a service share one
   * group, while pipelines on other namespaces (test suites) never join it.
   */
  consumerGroup?: string;
  /** Brokers, TLS and SASL (kafkaConnectionOf the service's configuration). */
  kafkaConnection: KafkaConnection;
  databaseUrl: string;
  dataSource: DataSource;
  topicNamespace?: string;
  /** Contract topics this service publishes to (created at start with `partitions`). */
  producesTo?: string[];
  partitions?: number;
  logger: MessagingLogger;
  metrics?: MessagingMetrics;
  runInContext?: ContextRunner;
  relayBatchSize?: number;
  consumerSessionTimeoutMs?: number;
  /** Records of one partition handled in one transaction. */
  consumerMaxRecordsPerTransaction?: number;
  /** Partitions handled at the same time; defaults to `partitions`, one database connection each. */
  consumerPartitionsConcurrently?: number;
}

/**
 * Everything a service needs to take part in the event flow: an outbox writer for its
 * transactions, the relay that publishes it, an idempotent consumer with dead letters, and the
 * dead-letter store for listing and replay. Framework-free; the Nest module wraps it.
 */
export class MessagingRuntime {
  readonly kafka: Kafka;
  readonly topics: TopicResolver;
  readonly outbox: OutboxWriter;
  readonly pipeline: EventPipeline;
  readonly deadLetters: DeadLetterStore;
  readonly relay: OutboxRelay;
  readonly consumerGroup: string;
  private readonly producer: Producer;
  private consumer?: IdempotentConsumer;
  private started = false;

  constructor(private readonly options: MessagingRuntimeOptions) {
    this.consumerGroup = options.consumerGroup ?? namespacedTopic(options.serviceName, options.topicNamespace);
    this.kafka = createKafka({ connection: options.kafkaConnection, clientId: options.serviceName, logger: options.logger });
    this.topics = new TopicResolver(options.topicNamespace);
    this.outbox = new OutboxWriter(this.topics, options.serviceName);
    this.pipeline = new EventPipeline({
      consumerGroup: this.consumerGroup,
      dataSource: options.dataSource,
      outbox: this.outbox,
      logger: options.logger,
      metrics: options.metrics,
      runInContext: options.runInContext,
    });
    this.deadLetters = new DeadLetterStore(this.consumerGroup, options.dataSource, this.outbox, this.pipeline, options.metrics);
    // Idempotent producer with one request in flight: retries can neither duplicate nor reorder.
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    this.relay = new OutboxRelay({
      dataSource: options.dataSource,
      databaseUrl: options.databaseUrl,
      producer: this.producer,
      logger: options.logger,
      metrics: options.metrics,
      leadershipKey: leadershipKeyFor(`${options.topicNamespace ?? ''}/${options.serviceName}`),
      batchSize: options.relayBatchSize,
    });
  }

  /**
   * Calls `listener` whenever records of a consumed contract topic were handled and committed, so
   * a worker acting on what the handlers stored starts at once instead of at its next poll.
   */
  onCommitted(topic: string, listener: () => void): void {
    this.pipeline.onCommitted(this.topics.resolve(topic), listener);
  }

  /** Calls `listener` once for each record of a consumed contract topic stored as a dead letter. */
  onDeadLettered(topic: string, listener: () => void): void {
    this.deadLetters.onStored(this.topics.resolve(topic), listener);
  }

  /** Registers a topic to consume; call before `start()`. */
  subscribe(subscription: Subscription): void {
    if (this.started) throw new Error('subscribe() must be called before start()');
    this.pipeline.addSubscription(this.topics.resolve(subscription.topic), subscription);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const consumed = this.pipeline.brokerTopics;
    const produced = (this.options.producesTo ?? []).map((topic) => this.topics.resolve(topic));
    await ensureTopics(this.kafka, [...consumed, ...produced, ...consumed.map(deadLetterTopic)], this.options.partitions ?? DEFAULT_PARTITIONS);
    await this.producer.connect();
    this.relay.start();
    if (consumed.length > 0) {
      this.consumer = new IdempotentConsumer({
        kafka: this.kafka,
        groupId: this.consumerGroup,
        pipeline: this.pipeline,
        deadLetters: this.deadLetters,
        logger: this.options.logger,
        metrics: this.options.metrics,
        sessionTimeoutMs: this.options.consumerSessionTimeoutMs,
        maxRecordsPerTransaction: this.options.consumerMaxRecordsPerTransaction,
        partitionsConsumedConcurrently: this.options.consumerPartitionsConcurrently ?? this.options.partitions ?? DEFAULT_PARTITIONS,
      });
      await this.consumer.start();
    }
  }

  /** Graceful shutdown: stop fetching and finish in-flight work, flush the relay, disconnect. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.consumer?.stop();
    await this.relay.stop();
    await this.producer.disconnect();
  }

  /** Throws unless the broker answers; for the readiness probe. */
  async checkBroker(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }
}

/** A stable 31-bit advisory-lock key per service (and namespace). */
export function leadershipKeyFor(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) & 0x7fffffff;
}
