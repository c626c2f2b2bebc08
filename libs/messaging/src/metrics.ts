import type { Counter, Gauge, Histogram } from 'prom-client';

/** The metrics the messaging code records; the observability MetricsService provides them. */
export interface MessagingMetrics {
  eventsConsumed: Counter<'topic' | 'type' | 'outcome'>;
  eventsProduced: Counter<'topic'>;
  eventsFailed: Counter<'topic' | 'reason'>;
  handlerDuration: Histogram<'topic' | 'type'>;
  consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  outboxBacklog: Gauge;
  outboxOldestAgeSeconds: Gauge;
  deadLetters: Counter<'topic' | 'reason'>;
  deadLettersPending: Gauge;
}
