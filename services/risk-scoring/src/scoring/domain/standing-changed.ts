import type { PreviousStanding, RiskReasonCode } from './standing';

/** A student never assessed stands at ok with no reasons, so a first quiet grade emits nothing. */
const NEVER_ASSESSED: PreviousStanding = { level: 'ok', reasons: [] };

/**
 * Whether a standing is worth publishing: its level or its set of reason codes changed.
 *
 * Values, thresholds, grade ids, summaries and weak courses alone do not count. A mean drifting from
 * 64.1% to 63.8% tells a mentor nothing new, and publishing it would open mentoring work for no
 * reason; hysteresis keeps the reason set itself stable. The current figures are always served by
 * GET /v1/students/:id/risk.
 */
export function standingChanged(previous: PreviousStanding | undefined, next: PreviousStanding): boolean {
  const before = previous ?? NEVER_ASSESSED;
  return before.level !== next.level || reasonCodeKey(before) !== reasonCodeKey(next);
}

function reasonCodeKey(standing: PreviousStanding): string {
  const codes = new Set<RiskReasonCode>(standing.reasons.map((reason) => reason.code));
  return [...codes].sort().join('|');
}
