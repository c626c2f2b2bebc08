import type { CaseStatus, RiskLevel } from '@mentoring/contracts';

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
}

/**
 * - `open-case`: the student has just entered a level that needs a mentor.
 * - `close-improved`: the student is fine again before any mentor took the case on; closing it
 *   (outcome `improved`) frees the mentor and lets the student hear encouragement.
 * - `update-open-case`: the newest standing is kept on the open case for the mentor to see.
 * - `ignore`: nothing to do (still at the same level after a closed case, or never at risk).
 */
export type IntakeAction = 'open-case' | 'close-improved' | 'update-open-case' | 'ignore';

const SEVERITY: Record<RiskLevel, number> = { ok: 0, watch: 1, 'at-risk': 2, urgent: 3 };

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
    return intake.level === 'ok' && intake.openCaseStatus !== 'active' ? 'close-improved' : 'update-open-case';
  }
  if (!opensCase(intake.level, intake.program, policy)) return 'ignore';
  const entering =
    !opensCase(intake.previousLevel, intake.program, policy) ||
    SEVERITY[intake.level] > SEVERITY[intake.previousLevel] ||
    !intake.hasEarlierCase;
  return entering ? 'open-case' : 'ignore';
}
