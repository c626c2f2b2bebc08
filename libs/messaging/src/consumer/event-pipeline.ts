import { EventEnvelope, parseEventType, validatePayload } from '@mentoring/contracts';
import { activeTraceparent, contextFromHeaders, platformTracer, SpanKind } from '@mentoring/observability';
import { Context, context, Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { DataSource, EntityManager } from 'typeorm';
import { describeError, isTransientError, PermanentError } from '../errors';
import { MessagingLogger } from '../logger';
import { MessagingMetrics } from '../metrics';
import { OutboxWriter } from '../outbox/outbox-writer';
import { EventHandler, Subscription } from './event-handler';
import { decodeEnvelope, IncomingRecord } from './message-decoding';

export type ProcessOutcome = 'handled' | 'duplicate' | 'ignored';

/** A record that could not take part in a batch, and why: dead-letter it. */
export interface RejectedRecord {
  record: IncomingRecord;
  error: PermanentError;
}

/** A record ready for its handler: decoded, routed and validated. */
interface PreparedRecord {
  record: IncomingRecord;
  handler: EventHandler;
  envelope: EventEnvelope<object>;
}

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

/** The consumer span of one record and the context its handler runs in. */
interface ProcessSpan {
  span: Span;
  context: Context;
}

interface ResolvedSubscription extends Subscription {
  brokerTopic: string;
}

/**
 * Decode -> route by type and major version -> validate -> (inbox row + handler) in one
 * transaction, for one record or a batch of them. Shared by the live consumer and by dead-letter
 * replay, so a replayed message takes exactly the path it would have taken the first time.
 */
export class EventPipeline {
  private readonly subscriptions = new Map<string, ResolvedSubscription>();
  private readonly committedListeners = new Map<string, Array<() => void>>();

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
    const prepared = this.prepare(record);
    if (!prepared) return 'ignored';
    const [outcome] = await this.handleInOneTransaction([prepared]);
    return outcome;
  }

  /**
   * Handles records in one transaction: one inbox insert for all of them, then each handler in
   * order. Records that cannot be decoded, routed or validated take no part and are returned with
   * their error (dead-letter them). Throws when the transaction fails, rolling back every record's
   * effects: handle them one by one then, to find the one that failed.
   */
  async processTogether(records: readonly IncomingRecord[]): Promise<RejectedRecord[]> {
    const rejected: RejectedRecord[] = [];
    const prepared: PreparedRecord[] = [];
    for (const record of records) {
      try {
        const ready = this.prepare(record);
        if (ready) prepared.push(ready);
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        rejected.push({ record, error });
      }
    }
    if (prepared.length > 0) await this.handleInOneTransaction(prepared);
    return rejected;
  }

  /**
   * Calls `listener` after each transaction that handled (not only deduplicated) records of the
   * topic has committed: a wake-up for workers that act on what the handlers stored.
   */
  onCommitted(brokerTopic: string, listener: () => void): void {
    this.committedListeners.set(brokerTopic, [...(this.committedListeners.get(brokerTopic) ?? []), listener]);
  }

  /** Decodes, routes and validates; undefined when this group ignores the type. */
  private prepare(record: IncomingRecord): PreparedRecord | undefined {
    const subscription = this.subscriptions.get(record.topic);
    if (!subscription) throw new PermanentError('unknown-topic', `no subscription for topic ${record.topic}`);
    const envelope = (subscription.decode ?? decodeEnvelope)(record);
    const handler = this.route(subscription, envelope);
    if (!handler) {
      this.options.metrics?.eventsConsumed.inc({ topic: record.topic, type: envelope.type, outcome: 'ignored' });
      return undefined;
    }
    const validation = validatePayload(handler.payload, envelope.data);
    if (!validation.ok) {
      throw new PermanentError(
        'invalid-payload',
        `${envelope.type} payload is invalid: ${validation.problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
        validation.problems,
      );
    }
    return { record, handler, envelope: { ...envelope, data: validation.value } };
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

  /**
   * Each record gets a consumer span, the child of the publish span its headers name, before the
   * transaction starts: its inbox row keeps the span's traceparent (work done later on the event's
   * behalf continues the trace), and its handler's queries and outbox rows belong to it.
   */
  private async handleInOneTransaction(prepared: readonly PreparedRecord[]): Promise<ProcessOutcome[]> {
    const startedAt = process.hrtime.bigint();
    const spans = prepared.map((item) => this.startProcessSpan(item));
    let current: Span | undefined;
    try {
      const outcomes = await this.options.dataSource.transaction(async (manager) => {
        const fresh = await this.insertInboxRows(manager, prepared, spans);
        const done: ProcessOutcome[] = [];
        for (const [index, item] of prepared.entries()) {
          // Deleting the id makes a second copy of the same event in this batch a duplicate too.
          if (!fresh.delete(item.envelope.id)) {
            spans[index].span.setAttribute('mentoring.outcome', 'duplicate');
            done.push('duplicate');
            continue;
          }
          current = spans[index].span;
          await context.with(spans[index].context, () => this.handle(manager, item));
          current = undefined;
          done.push('handled');
        }
        return done;
      });
      this.recordMetrics(prepared, outcomes, Number(process.hrtime.bigint() - startedAt) / 1e9);
      this.announceCommitted(prepared.filter((_, index) => outcomes[index] === 'handled'));
      return outcomes;
    } catch (error) {
      (current ?? spans[0]?.span)?.recordException(error as Error);
      for (const { span } of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      for (const { span } of spans) span.end();
    }
  }

  private startProcessSpan({ record, envelope }: PreparedRecord): ProcessSpan {
    const parent = contextFromHeaders(record.headers);
    const span = platformTracer().startSpan(
      `${record.topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': record.topic,
          'messaging.consumer.group.name': this.options.consumerGroup,
          'messaging.message.id': envelope.id,
          'messaging.kafka.offset': Number(record.offset),
          'mentoring.event.type': envelope.type,
          'mentoring.correlation_id': envelope.correlationId,
        },
      },
      parent,
    );
    return { span, context: trace.setSpan(parent, span) };
  }

  /** One multi-row insert for the whole batch; returns the event ids that were not there yet. */
  private async insertInboxRows(manager: EntityManager, prepared: readonly PreparedRecord[], spans: readonly ProcessSpan[]): Promise<Set<string>> {
    const values: unknown[] = [];
    const rows = prepared.map(({ record, envelope }, index) => {
      values.push(this.options.consumerGroup, envelope.id, envelope.type, record.topic, record.partition, record.offset, activeTraceparent(spans[index].context) ?? null);
      return `(${[1, 2, 3, 4, 5, 6, 7].map((column) => `$${index * 7 + column}`).join(', ')})`;
    });
    const inserted: { event_id: string }[] = await manager.query(
      `INSERT INTO inbox (consumer_group, event_id, type, topic, partition, "offset", traceparent)
       VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING RETURNING event_id`,
      values,
    );
    return new Set(inserted.map((row) => row.event_id));
  }

  /**
   * The traceparent of the span that handled `eventId` in this consumer group: work done later on
   * the event's behalf (a matching burst, a queued email) runs under it, so the trace goes on.
   */
  async traceparentOfHandled(manager: EntityManager, eventId: string): Promise<string | undefined> {
    const rows: { traceparent: string | null }[] = await manager.query('SELECT traceparent FROM inbox WHERE consumer_group = $1 AND event_id = $2', [
      this.options.consumerGroup,
      eventId,
    ]);
    return rows[0]?.traceparent ?? undefined;
  }

  private handle(manager: EntityManager, { record, handler, envelope }: PreparedRecord): Promise<void> {
    const run = this.options.runInContext ?? ((_context, work) => work());
    return run({ correlationId: envelope.correlationId, eventId: envelope.id }, () =>
      handler.handle({
        envelope,
        data: envelope.data,
        manager,
        outbox: this.options.outbox,
        source: { topic: record.topic, partition: record.partition, offset: record.offset },
      }),
    );
  }

  /** A batch's duration is shared out over its records, so the histogram stays per record. */
  private recordMetrics(prepared: readonly PreparedRecord[], outcomes: readonly ProcessOutcome[], seconds: number): void {
    prepared.forEach(({ record, envelope }, index) => {
      this.options.metrics?.handlerDuration.observe({ topic: record.topic, type: envelope.type }, seconds / prepared.length);
      this.options.metrics?.eventsConsumed.inc({ topic: record.topic, type: envelope.type, outcome: outcomes[index] });
    });
  }

  private announceCommitted(handled: readonly PreparedRecord[]): void {
    const topics = new Set(handled.map(({ record }) => record.topic));
    for (const topic of topics) {
      for (const listener of this.committedListeners.get(topic) ?? []) listener();
    }
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
