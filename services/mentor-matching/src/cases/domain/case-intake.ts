import type { CaseStatus, RiskAssessmentCause, RiskLevel } from '@mentoring/contracts';

export interface IntakePolicy {
  /** Programmes in which `watch` already opens a case; `at-risk` and `urgent` always do. */
  readonly watchOpensCaseInPrograms: readonly string[];
}

export interface RiskIntake {
  readonly level: RiskLevel;
  readonly previousLevel: RiskLevel;
  readonly program: string;
  /** Status of the student's case that is not closed, if any. */
  readonly openCaseStatus: Exclude<CaseStatus, 'closed'> | null;
  readonly hasEarlierCase: boolean;
  /** What changed the standing; absent from producers that predate it, so never taken as a mark. */
  readonly cause?: RiskAssessmentCause;
  /** Reason codes of the new standing (`improved` marks a level left with enough marks behind it). */
  readonly reasonCodes: readonly string[];
}

/**
 * - `open-case`: the student has just entered a level that needs a mentor.
 * - `close-improved`: the student's marks made them fine again before any mentor took the case on;
 *   closing it (outcome `improved`) frees the mentor and lets the student hear encouragement.
 * - `note-progress`: the student's marks lifted their standing during an active case; the student
 *   hears encouragement, the mentor is told, and the relationship goes on.
 * - `update-open-case`: the newest standing is kept on the open case for the mentor to see.
 * - `ignore`: nothing to do (still at the same level after a closed case, or never at risk).
 */
export type IntakeAction = 'open-case' | 'close-improved' | 'note-progress' | 'update-open-case' | 'ignore';

const SEVERITY: Record<RiskLevel, number> = { ok: 0, watch: 1, 'at-risk': 2, urgent: 3 };

// Scoring adds `improved` only when a support level is left with enough marks to judge by.
function improvedByMarks(intake: RiskIntake): boolean {
  return SEVERITY[intake.level] < SEVERITY[intake.previousLevel] && intake.reasonCodes.includes('improved');
}

export function opensCase(level: RiskLevel, program: string, policy: IntakePolicy): boolean {
  if (level === 'watch') return policy.watchOpensCaseInPrograms.includes(program);
  return level === 'at-risk' || level === 'urgent';
}

/**
 * What a risk assessment means for matching. A case opens on *entering* a level: a student whose
 * case was closed (met, or declined by them) while their level stayed put is not chased again
 * because a reason changed; a worse level is a new signal and opens a new case.
 */
export function decideIntake(intake: RiskIntake, policy: IntakePolicy): IntakeAction {
  if (intake.openCaseStatus !== null) {
    // A policy change or a logged session moves levels with no mark behind them: that is no one's
    // progress, so it neither closes a case as improved nor earns kudos.
    const byMarks = intake.cause === 'grade';
    if (byMarks && intake.level === 'ok' && intake.openCaseStatus !== 'active') return 'close-improved';
    if (byMarks && intake.openCaseStatus === 'active' && improvedByMarks(intake)) return 'note-progress';
    return 'update-open-case';
  }
  if (!opensCase(intake.level, intake.program, policy)) return 'ignore';
  const entering =
    !opensCase(intake.previousLevel, intake.program, policy) ||
    SEVERITY[intake.level] > SEVERITY[intake.previousLevel] ||
    !intake.hasEarlierCase;
  return entering ? 'open-case' : 'ignore';
}
