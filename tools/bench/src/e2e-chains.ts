import { LatencySummary, summariseLatencies } from './stats';

/** The hops a low grade travels: recorded -> assessed -> case matched -> message delivered. */
export type Stage = 'graded' | 'assessed' | 'matched' | 'delivered';

/** One event seen on a pipeline topic, reduced to what correlation needs. */
export interface StageEvent {
  stage: Stage;
  correlationId: string;
  /** The studentId (every envelope's subject). */
  subject: string;
  /** The envelope's `time`, in epoch milliseconds. */
  timeMs: number;
  /** For deliveries: the outcome the bench waits for (the mentor's new-case email, sent). */
  preferred?: boolean;
}

export interface Chain {
  key: string;
  gradedAt: number;
  assessedAt: number;
  matchedAt: number;
  deliveredAt: number;
  /** False when no preferred delivery was seen and the first dispatched outcome was used. */
  preferredDelivery: boolean;
}

export interface ChainSet {
  /** Correlation keys with at least one recorded grade. */
  started: number;
  complete: Chain[];
}

export interface HopLatencies {
  gradeToAssessed: LatencySummary;
  assessedToMatched: LatencySummary;
  matchedToDelivered: LatencySummary;
  gradeToDelivered: LatencySummary;
}

/**
 * One correlation id may cover a whole REST batch (it is the request's), so a chain is keyed by
 * correlation id and student together.
 */
export function chainKey(event: Pick<StageEvent, 'correlationId' | 'subject'>): string {
  return `${event.correlationId}|${event.subject}`;
}

/**
 * Builds one chain per key that reached a delivery. A student may be assessed more than once
 * (e.g. `watch` after the first low mark, `at-risk` after the second), so each hop takes the
 * event that triggered the next one: the latest assessment and grade before the match.
 */
export function buildChains(events: readonly StageEvent[]): ChainSet {
  const byKey = groupByKey(events);
  const complete: Chain[] = [];
  let started = 0;
  for (const [key, keyed] of byKey) {
    if (!keyed.some((event) => event.stage === 'graded')) continue;
    started += 1;
    const chain = chainOf(key, keyed);
    if (chain) complete.push(chain);
  }
  return { started, complete };
}

export function hopLatencies(chains: readonly Chain[]): HopLatencies {
  const hop = (from: (chain: Chain) => number, to: (chain: Chain) => number) => summariseLatencies(chains.map((chain) => to(chain) - from(chain)));
  return {
    gradeToAssessed: hop((c) => c.gradedAt, (c) => c.assessedAt),
    assessedToMatched: hop((c) => c.assessedAt, (c) => c.matchedAt),
    matchedToDelivered: hop((c) => c.matchedAt, (c) => c.deliveredAt),
    gradeToDelivered: hop((c) => c.gradedAt, (c) => c.deliveredAt),
  };
}

function chainOf(key: string, events: readonly StageEvent[]): Chain | undefined {
  const matched = earliest(events.filter((e) => e.stage === 'matched'));
  if (!matched) return undefined;
  const assessed = latest(events.filter((e) => e.stage === 'assessed' && e.timeMs <= matched.timeMs));
  if (!assessed) return undefined;
  const graded = latest(events.filter((e) => e.stage === 'graded' && e.timeMs <= assessed.timeMs));
  const deliveries = events.filter((e) => e.stage === 'delivered' && e.timeMs >= matched.timeMs);
  const delivered = earliest(deliveries.filter((e) => e.preferred)) ?? earliest(deliveries);
  if (!graded || !delivered) return undefined;
  return {
    key,
    gradedAt: graded.timeMs,
    assessedAt: assessed.timeMs,
    matchedAt: matched.timeMs,
    deliveredAt: delivered.timeMs,
    preferredDelivery: delivered.preferred === true,
  };
}

function groupByKey(events: readonly StageEvent[]): Map<string, StageEvent[]> {
  const byKey = new Map<string, StageEvent[]>();
  for (const event of events) {
    const key = chainKey(event);
    const keyed = byKey.get(key);
    if (keyed) keyed.push(event);
    else byKey.set(key, [event]);
  }
  return byKey;
}

function earliest(events: readonly StageEvent[]): StageEvent | undefined {
  return events.reduce<StageEvent | undefined>((best, event) => (!best || event.timeMs < best.timeMs ? event : best), undefined);
}

function latest(events: readonly StageEvent[]): StageEvent | undefined {
  return events.reduce<StageEvent | undefined>((best, event) => (!best || event.timeMs > best.timeMs ? event : best), undefined);
}
