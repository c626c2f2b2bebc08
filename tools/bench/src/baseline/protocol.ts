/** Messages between the bench and its raw baseline consumer (a child process, so its memory is its own). */

/** Parent -> child: report once `count` more messages have been consumed. */
export interface CollectRequest {
  kind: 'collect';
  count: number;
}

/** Child -> parent. */
export type ConsumerReport =
  | { kind: 'ready' }
  | { kind: 'collected'; latenciesMs: number[]; lastReceivedAt: number }
  | { kind: 'failed'; message: string };

/** What the child needs to know, passed in its environment. */
export const BASELINE_ENV = {
  brokers: 'BENCH_KAFKA_BROKERS',
  topic: 'BENCH_BASELINE_TOPIC',
  groupId: 'BENCH_BASELINE_GROUP',
} as const;
