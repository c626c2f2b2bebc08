import { EventEnvelope, parseEventType, validatePayload } from '@mentoring/contracts';
import { DataSource } from 'typeorm';
import { describeError, isTransientError, PermanentError } from '../errors';
import { MessagingLogger } from '../logger';
import { MessagingMetrics } from '../metrics';
import { OutboxWriter } from '../outbox/outbox-writer';
import { EventHandler, Subscription } from './event-handler';
import { decodeEnvelope, IncomingRecord } from './message-decoding';

export type ProcessOutcome = 'handled' | 'duplicate' | 'ignored';

/** Runs work with the event's correlation id and id in the logging context. */
export type ContextRunner = <T>(context: { correlationId: string; eventId: string }, work: () => Promise<T>) => Promise<T>;

export interface EventPipelineOptions {
  consumerGroup: string;
  dataSource: DataSource;
  outbox: OutboxWriter;
  logger: MessagingLogger;
  metrics?: MessagingMetrics;
  runInContext?: ContextRunner;
}

interface ResolvedSubscription extends Subscription {
  brokerTopic: string;
}

/**
 * Decode -> route by type and major version -> validate -> (inbox row + handler) in one
 * transaction. Shared by the live consumer and by dead-letter replay, so a replayed message takes
 * exactly the path it would have taken the first time.
 */
export class EventPipeline {
  private readonly subscriptions = new Map<string, ResolvedSubscription>();

  constructor(private readonly options: EventPipelineOptions) {}

  /** Adds handlers for a topic; several feature modules may subscribe to the same topic. */
  addSubscription(brokerTopic: string, subscription: Subscription): void {
    const existing = this.subscriptions.get(brokerTopic);
    if (existing && existing.decode !== subscription.decode) {
      throw new Error(`topic ${brokerTopic} is already subscribed with a different decoder`);
    }
    this.subscriptions.set(brokerTopic, {
      ...subscription,
      brokerTopic,
      handlers: [...(existing?.handlers ?? []), ...subscription.handlers],
      ignoreOtherTypes: (existing?.ignoreOtherTypes ?? false) || subscription.ignoreOtherTypes,
    });
  }

  get brokerTopics(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** Handles one record; throws PermanentError (dead-letter it) or a transient error (retry it). */
  async process(record: IncomingRecord): Promise<ProcessOutcome> {
    const subscription = this.subscriptions.get(record.topic);
    if (!subscription) throw new PermanentError('unknown-topic', `no subscription for topic ${record.topic}`);
    const envelope = (subscription.decode ?? decodeEnvelope)(record);
    const handler = this.route(subscription, envelope);
    if (!handler) {
      this.options.metrics?.eventsConsumed.inc({ topic: record.topic, type: envelope.type, outcome: 'ignored' });
      return 'ignored';
    }
    const validation = validatePayload(handler.payload, envelope.data);
    if (!validation.ok) {
      throw new PermanentError(
        'invalid-payload',
        `${envelope.type} payload is invalid: ${validation.problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
        validation.problems,
      );
    }
    const run = this.options.runInContext ?? ((_context, work) => work());
    return run({ correlationId: envelope.correlationId, eventId: envelope.id }, () =>
      this.handleOnce(record, handler, { ...envelope, data: validation.value }),
    );
  }

  private route(subscription: ResolvedSubscription, envelope: EventEnvelope): EventHandler | undefined {
    const exact = subscription.handlers.find((handler) => handler.type === envelope.type);
    if (exact) return exact;
    const incoming = parseEventType(envelope.type);
    const sameName = subscription.handlers.find((handler) => parseEventType(handler.type)?.name === incoming?.name);
    if (sameName) {
      throw new PermanentError('unsupported-version', `${envelope.type} is not supported; this consumer handles ${sameName.type}`);
    }
    if (subscription.ignoreOtherTypes) return undefined;
    throw new PermanentError('unknown-type', `no handler for event type ${envelope.type} on ${subscription.brokerTopic}`);
  }

  private async handleOnce(record: IncomingRecord, handler: EventHandler, envelope: EventEnvelope<object>): Promise<ProcessOutcome> {
    const startedAt = process.hrtime.bigint();
    const outcome = await this.options.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer_group, event_id, type, topic, partition, "offset")
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.consumerGroup, envelope.id, envelope.type, record.topic, record.partition, record.offset],
      );
      if (inserted.length === 0) return 'duplicate' as const;
      await handler.handle({
        envelope,
        data: envelope.data,
        manager,
        outbox: this.options.outbox,
        source: { topic: record.topic, partition: record.partition, offset: record.offset },
      });
      return 'handled' as const;
    });
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    this.options.metrics?.handlerDuration.observe({ topic: record.topic, type: envelope.type }, seconds);
    this.options.metrics?.eventsConsumed.inc({ topic: record.topic, type: envelope.type, outcome });
    return outcome;
  }

  /** Classifies a failure: permanent ones are dead-lettered, others retried (unknown ones a few times). */
  classify(error: unknown, attempt: number, maxAttemptsForUnknown: number): 'retry' | 'dead-letter' {
    if (error instanceof PermanentError) return 'dead-letter';
    if (isTransientError(error)) return 'retry';
    const { errorClass, errorMessage } = describeError(error);
    this.options.logger.warn({ errorClass, errorMessage, attempt }, 'handler failed with an unclassified error');
    return attempt >= maxAttemptsForUnknown ? 'dead-letter' : 'retry';
  }
}
