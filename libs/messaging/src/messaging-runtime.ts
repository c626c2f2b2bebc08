import { createHash } from 'node:crypto';
import { KafkaConnection } from '@mentoring/config';
import { deadLetterTopic, namespacedTopic } from '@mentoring/contracts';
import { Kafka, Producer } from 'kafkajs';
import { contextFromTraceparent, inSpan, SpanKind } from '@mentoring/observability';
import { DataSource, EntityManager } from 'typeorm';
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
  private publishing = false;

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

  /**
   * Runs `work` continuing the trace of the event this service handled as `eventId` (a matching
   * burst or a queued email acting on its behalf), in a span named `name`; a new trace when the
   * event was handled untraced or before traces were kept.
   */
  async onBehalfOf<T>(eventId: string, name: string, work: () => Promise<T>, manager: EntityManager = this.options.dataSource.manager): Promise<T> {
    const traceparent = await this.pipeline.traceparentOfHandled(manager, eventId);
    return inSpan(name, { kind: SpanKind.INTERNAL, parent: contextFromTraceparent(traceparent), attributes: { 'mentoring.on_behalf_of': eventId } }, () => work());
  }

  /** Registers a topic to consume; call before the consumer starts. */
  subscribe(subscription: Subscription): void {
    if (this.consumer) throw new Error('subscribe() must be called before the consumer starts');
    this.pipeline.addSubscription(this.topics.resolve(subscription.topic), subscription);
  }

  /** Starts publishing (producer and outbox relay) and consuming the topics subscribed so far. */
  async start(): Promise<void> {
    await this.startPublishing();
    await this.startConsuming();
  }

  /** Creates the produced topics, connects the producer and starts the outbox relay. */
  async startPublishing(): Promise<void> {
    if (this.publishing) return;
    this.publishing = true;
    const produced = (this.options.producesTo ?? []).map((topic) => this.topics.resolve(topic));
    await ensureTopics(this.kafka, produced, this.options.partitions ?? DEFAULT_PARTITIONS);
    await this.producer.connect();
    this.relay.start();
  }

  /**
   * Joins the consumer group for every subscribed topic (nothing to do without subscriptions).
   * Separate from publishing because handlers declared with `@EventPattern` are only known once
   * the Nest transport listens, after the application's bootstrap hooks have run.
   */
  async startConsuming(): Promise<void> {
    const consumed = this.pipeline.brokerTopics;
    if (this.consumer || consumed.length === 0) return;
    await ensureTopics(this.kafka, [...consumed, ...consumed.map(deadLetterTopic)], this.options.partitions ?? DEFAULT_PARTITIONS);
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

  /** Stops fetching and lets in-flight work finish; committed offsets stay with the group. */
  async stopConsuming(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  /** Graceful shutdown: stop fetching and finish in-flight work, flush the relay, disconnect. */
  async stop(): Promise<void> {
    await this.stopConsuming();
    if (!this.publishing) return;
    this.publishing = false;
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
function leadershipKeyFor(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) & 0x7fffffff;
}
