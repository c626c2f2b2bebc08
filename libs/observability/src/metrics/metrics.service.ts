import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Names of the pipeline metrics every service exposes (dashboards and alerts refer to them). */
export const PIPELINE_METRICS = {
  eventsConsumed: 'mentoring_events_consumed_total',
  eventsProduced: 'mentoring_events_produced_total',
  eventsFailed: 'mentoring_events_failed_total',
  handlerDuration: 'mentoring_event_handler_duration_seconds',
  consumerLag: 'mentoring_kafka_consumer_lag',
  outboxBacklog: 'mentoring_outbox_backlog',
  outboxOldestAgeSeconds: 'mentoring_outbox_oldest_age_seconds',
  deadLetters: 'mentoring_dead_letters_total',
  deadLettersPending: 'mentoring_dead_letters_pending',
} as const;

const HANDLER_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A registry with Node's default metrics, every series labelled with the service name. */
export function createMetricsRegistry(serviceName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The pipeline metrics and a way to add service-specific ones. A plain class, so code outside
 * Nest (the messaging relay, scripts) can use `new MetricsService(createMetricsRegistry(name))`.
 */
export class MetricsService {
  readonly eventsConsumed: Counter<'topic' | 'type' | 'outcome'>;
  readonly eventsProduced: Counter<'topic'>;
  readonly eventsFailed: Counter<'topic' | 'reason'>;
  readonly handlerDuration: Histogram<'topic' | 'type'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  readonly outboxBacklog: Gauge;
  readonly outboxOldestAgeSeconds: Gauge;
  readonly deadLetters: Counter<'topic' | 'reason'>;
  readonly deadLettersPending: Gauge;

  constructor(readonly registry: Registry) {
    const names = PIPELINE_METRICS;
    this.eventsConsumed = this.createCounter(names.eventsConsumed, 'Events taken from Kafka, by outcome', ['topic', 'type', 'outcome']);
    this.eventsProduced = this.createCounter(names.eventsProduced, 'Events published to Kafka', ['topic']);
    this.eventsFailed = this.createCounter(names.eventsFailed, 'Event handling or publishing failures', ['topic', 'reason']);
    this.handlerDuration = this.createHistogram(
      names.handlerDuration,
      'Time an event handler took, transaction included',
      ['topic', 'type'],
      HANDLER_DURATION_BUCKETS,
    );
    this.consumerLag = this.createGauge(names.consumerLag, 'Messages between the committed offset and the partition end', ['group', 'topic', 'partition']);
    this.outboxBacklog = this.createGauge(names.outboxBacklog, 'Outbox rows not yet published');
    this.outboxOldestAgeSeconds = this.createGauge(names.outboxOldestAgeSeconds, 'Age of the oldest unpublished outbox row');
    this.deadLetters = this.createCounter(names.deadLetters, 'Messages sent to a dead-letter topic, by reason', ['topic', 'reason']);
    this.deadLettersPending = this.createGauge(names.deadLettersPending, 'Stored dead letters not yet replayed or discarded');
  }

  /** Registers a counter in this service's registry. */
  createCounter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** Registers a gauge in this service's registry. */
  createGauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Registers a histogram in this service's registry (buckets in seconds unless the name says otherwise). */
  createHistogram<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]): Histogram<L> {
    // An explicit `buckets: undefined` would replace prom-client's default buckets.
    return new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets && { buckets }) });
  }
}
