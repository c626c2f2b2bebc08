import { PIPELINE_METRICS } from './metrics.service';
import { Sample, sumOf } from './prometheus-text';

/** A service's readiness as `/health/ready` reports it. */
export interface Readiness {
  state: 'ready' | 'not ready' | 'unreachable';
  /** The checks that failed, each with what it said. */
  failing: Array<{ check: string; message?: string }>;
}

/** Reads a `/health/ready` answer (Terminus: `{ error: { <check>: { status, message? } } }`). */
export function readinessOf(status: number, body: unknown): Readiness {
  const errors = (typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined) ?? {};
  const failing = Object.entries(errors as Record<string, { message?: unknown } | undefined>).map(([check, detail]) => ({
    check,
    ...(typeof detail?.message === 'string' ? { message: detail.message } : {}),
  }));
  return { state: status >= 200 && status < 300 ? 'ready' : 'not ready', failing };
}

export const UNREACHABLE: Readiness = { state: 'unreachable', failing: [] };

/** One partition's consumer lag. */
export interface PartitionLag {
  group: string;
  topic: string;
  partition: string;
  lag: number;
}

/** Consumer lag per group, topic and partition, from a service's metrics. */
export function partitionLagOf(samples: readonly Sample[]): PartitionLag[] {
  return samples
    .filter((sample) => sample.name === PIPELINE_METRICS.consumerLag)
    .map((sample) => ({ group: sample.labels.group ?? '', topic: sample.labels.topic ?? '', partition: sample.labels.partition ?? '', lag: sample.value }));
}

/** Consumer lag summed over the partitions of each group and topic. */
export interface TopicLag {
  group: string;
  topic: string;
  partitions: number;
  lag: number;
}

/** Partition lags added up per group and topic, in group then topic order. */
export function lagByGroupAndTopic(partitions: readonly PartitionLag[]): TopicLag[] {
  const totals = new Map<string, TopicLag>();
  for (const { group, topic, lag } of partitions) {
    const key = `${group}\u0000${topic}`;
    const total = totals.get(key) ?? { group, topic, partitions: 0, lag: 0 };
    totals.set(key, { ...total, partitions: total.partitions + 1, lag: total.lag + lag });
  }
  return [...totals.values()].sort((a, b) => a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic));
}

/** What a service's metrics say about its share of the pipeline. */
export interface PipelineLoad {
  consumed: number;
  produced: number;
  lag: number;
  outboxBacklog: number;
  outboxOldestAgeSeconds: number;
  deadLettersPending: number;
}

/** The pipeline figures of one scrape of a service's /metrics. */
export function pipelineLoadOf(samples: readonly Sample[]): PipelineLoad {
  const total = (name: string) => sumOf([...samples], name);
  return {
    consumed: total(PIPELINE_METRICS.eventsConsumed),
    produced: total(PIPELINE_METRICS.eventsProduced),
    lag: total(PIPELINE_METRICS.consumerLag),
    outboxBacklog: total(PIPELINE_METRICS.outboxBacklog),
    outboxOldestAgeSeconds: total(PIPELINE_METRICS.outboxOldestAgeSeconds),
    deadLettersPending: total(PIPELINE_METRICS.deadLettersPending),
  };
}

/** Counter totals at one moment (milliseconds since the epoch). */
export interface CounterReading {
  at: number;
  consumed: number;
  produced: number;
}

/** Events per second between two readings of the same process's counters. */
export interface Throughput {
  consumedPerSecond: number;
  producedPerSecond: number;
  overSeconds: number;
}

/**
 * Rates from two readings, or undefined when they cannot give one: no time between them, or a
 * counter that went down (the process restarted, so the counters began again from zero).
 */
export function throughputBetween(earlier: CounterReading, later: CounterReading): Throughput | undefined {
  const seconds = (later.at - earlier.at) / 1000;
  if (seconds <= 0 || later.consumed < earlier.consumed || later.produced < earlier.produced) return undefined;
  return { consumedPerSecond: (later.consumed - earlier.consumed) / seconds, producedPerSecond: (later.produced - earlier.produced) / seconds, overSeconds: seconds };
}
