import { RISK_LEVELS, RiskLevel } from '@mentoring/contracts';

/** One student's level now and under a proposed policy, and whether the standing would be announced. */
export interface LevelOutcome {
  from: RiskLevel;
  to: RiskLevel;
  changed: boolean;
}

/** How a proposed policy would move a programme's students. */
export interface PreviewTally {
  studentsAssessed: number;
  /** Standings that would be announced (a new level, or the same level for other reasons). */
  wouldChange: number;
  /** Students per level now and under the proposal. */
  levels: { current: Record<RiskLevel, number>; proposed: Record<RiskLevel, number> };
  /** Students per move between levels; staying put is not listed. */
  moves: Array<{ from: RiskLevel; to: RiskLevel; students: number }>;
}

export function emptyTally(): PreviewTally {
  return { studentsAssessed: 0, wouldChange: 0, levels: { current: zeroPerLevel(), proposed: zeroPerLevel() }, moves: [] };
}

/** Adds outcomes to a tally (a preview walks a programme chunk by chunk). */
export function addToTally(tally: PreviewTally, outcomes: readonly LevelOutcome[]): PreviewTally {
  const next: PreviewTally = {
    studentsAssessed: tally.studentsAssessed + outcomes.length,
    wouldChange: tally.wouldChange + outcomes.filter((outcome) => outcome.changed).length,
    levels: { current: { ...tally.levels.current }, proposed: { ...tally.levels.proposed } },
    moves: tally.moves.map((move) => ({ ...move })),
  };
  for (const { from, to } of outcomes) {
    next.levels.current[from] += 1;
    next.levels.proposed[to] += 1;
    if (from !== to) countMove(next.moves, from, to);
  }
  next.moves.sort((a, b) => RISK_LEVELS.indexOf(a.from) - RISK_LEVELS.indexOf(b.from) || RISK_LEVELS.indexOf(a.to) - RISK_LEVELS.indexOf(b.to));
  return next;
}

function countMove(moves: PreviewTally['moves'], from: RiskLevel, to: RiskLevel): void {
  const existing = moves.find((move) => move.from === from && move.to === to);
  if (existing) existing.students += 1;
  else moves.push({ from, to, students: 1 });
}

function zeroPerLevel(): Record<RiskLevel, number> {
  return { ok: 0, watch: 0, 'at-risk': 0, urgent: 0 };
}
