import type { AssessmentType, ScoreStatus } from '@mentoring/contracts';
import { assessStanding } from '../assess-standing';
import type { EngagementFacts, GradeFact } from '../grade-fact';
import type { RiskPolicySettings } from '../risk-policy';
import { defaultPolicySettings } from '../risk-policy';
import type { PreviousStanding, Standing } from '../standing';

/** Inside the 2025/26 academic year of the default policy (September start). */
export const NOW = new Date('2026-03-01T12:00:00Z');

export interface GradeSpec {
  percentage: number;
  type?: AssessmentType;
  status?: ScoreStatus;
  course?: string;
  /** Days after 1 October 2025; decides chronological order. */
  day?: number;
  id?: string;
  category?: string | null;
  categoryWeight?: number | null;
}

/** A grade with readable defaults: a fully graded summative in ANAT101, id `g<day>`. */
export function grade(spec: GradeSpec): GradeFact {
  const day = spec.day ?? 0;
  return {
    gradeId: spec.id ?? `g${day}`,
    courseCode: spec.course ?? 'ANAT101',
    assessmentType: spec.type ?? 'summative',
    percentage: spec.percentage,
    scoreStatus: spec.status ?? 'fully graded',
    gradedAt: new Date(Date.UTC(2025, 9, 1 + day, 9)).toISOString(),
    category: spec.category ?? null,
    categoryWeight: spec.categoryWeight ?? null,
  };
}

/** Fully graded summatives on consecutive days, in the order given. */
export function summatives(...percentages: number[]): GradeFact[] {
  return percentages.map((percentage, day) => grade({ percentage, day }));
}

export function formatives(...percentages: number[]): GradeFact[] {
  return percentages.map((percentage, index) => grade({ percentage, type: 'formative', day: 100 + index, id: `f${index}` }));
}

export interface AssessOptions {
  policy?: Partial<RiskPolicySettings>;
  previous?: PreviousStanding;
  missedSessions?: number;
  now?: Date;
  policyChangeOnly?: boolean;
}

/** assessStanding with the default policy (overridable) and no missed sessions. */
export function assess(grades: readonly GradeFact[], options: AssessOptions = {}): Standing {
  const engagement: EngagementFacts = { consecutiveMissedSessions: options.missedSessions ?? 0 };
  return assessStanding({
    grades,
    engagement,
    policy: { ...defaultPolicySettings(), ...options.policy },
    previous: options.previous,
    now: options.now ?? NOW,
    policyChangeOnly: options.policyChangeOnly,
  });
}

export function codesOf(standing: PreviousStanding): string[] {
  return standing.reasons.map((reason) => reason.code);
}
