import { emptyTallies } from '../src/replay/channel-tally';
import { PipelineSnapshot } from '../src/replay/snapshot';

/** A snapshot of an idle, empty pipeline, with `overrides`. */
export function snapshotOf(overrides: Partial<PipelineSnapshot> = {}): PipelineSnapshot {
  return {
    grades: emptyTallies(),
    standings: { ok: 0, watch: 0, 'at-risk': 0, urgent: 0 },
    cases: { open: 0, waitlisted: 0, matched: 0, active: 0, closed: 0 },
    delivered: { email: { student: 0, mentor: 0, coordinator: 0 }, inbox: { student: 0, mentor: 0, coordinator: 0 } },
    emailsInFlight: 0,
    consumerLag: 0,
    eventsHandled: 0,
    ...overrides,
  };
}
