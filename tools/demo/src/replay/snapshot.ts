import type { CaseStatus, RiskLevel } from '@mentoring/contracts';
import { answered, ChannelTallies } from './channel-tally';
import { DeliveredCounts } from './pipeline-events';

/** What the platform shows at one moment of the replay, read from its APIs, metrics and topics. */
export interface PipelineSnapshot {
  grades: ChannelTallies;
  /** Students with a standing, by level (risk-scoring's flag-rates report). */
  standings: Record<RiskLevel, number>;
  /** Mentoring cases by status (mentor-matching's case-timing report). */
  cases: Record<CaseStatus, number>;
  delivered: DeliveredCounts;
  emailsInFlight: number;
  /** Messages on the platform's topics its consumer groups have not processed yet. */
  consumerLag: number;
  /** Events the services have consumed and produced so far (their /metrics): any change means work is going on. */
  eventsHandled: number;
}

/** How far the replay itself has got: the pipeline can only settle once every record is handed over. */
export interface ReplayState {
  sendingDone: boolean;
  /** Why sending stopped, when it failed. */
  failure?: Error;
}

export const QUIET_MS = 5_000;

/**
 * After the development clock moves, timers fall due at once but email held for quiet hours or a
 * daily cap is released only at notification's next scheduler poll (5 s): twice as long covers it.
 */
export const QUIET_AFTER_CLOCK_MOVE_MS = 2 * QUIET_MS;

/** What the pipeline still has to do, in words; empty when only quiet is missing. */
export function pendingWork(replay: ReplayState, snapshot: PipelineSnapshot): string[] {
  const unanswered = Object.values(snapshot.grades).reduce((sum, tally) => sum + Math.max(0, tally.sent - answered(tally)), 0);
  return [
    ...(replay.sendingDone ? [] : ['the feed is still being sent']),
    ...(unanswered > 0 ? [`${unanswered} records without an outcome yet`] : []),
    ...(snapshot.consumerLag > 0 ? [`${snapshot.consumerLag} events not yet consumed`] : []),
    ...(snapshot.cases.open > 0 ? [`${snapshot.cases.open} cases waiting for a matching run`] : []),
    ...(snapshot.emailsInFlight > 0 ? [`${snapshot.emailsInFlight} emails waiting for SMTP`] : []),
  ];
}

/**
 * The pipeline has settled when nothing is pending and nothing has moved for `quietMs` (QUIET_MS:
 * longer than the matcher's burst window and notification's scheduler poll), so work about to
 * start is not mistaken for work that is done.
 */
export function hasSettled(replay: ReplayState, snapshot: PipelineSnapshot, quietForMs: number, quietMs = QUIET_MS): boolean {
  return pendingWork(replay, snapshot).length === 0 && quietForMs >= quietMs;
}

/** A fingerprint of everything that moves; equal fingerprints mean nothing happened in between. */
export function activityOf(snapshot: PipelineSnapshot): string {
  return JSON.stringify([snapshot.grades, snapshot.standings, snapshot.cases, snapshot.delivered, snapshot.eventsHandled]);
}

export function totalOf(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** Messages delivered on every channel to everyone. */
export function totalDelivered(delivered: DeliveredCounts): number {
  return totalOf(delivered.email) + totalOf(delivered.inbox);
}
