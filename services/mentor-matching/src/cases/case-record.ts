import type { CaseOpeningReason, RiskLevel, RiskReasonV1 } from '@mentoring/contracts';
import type { MentoringCase } from './domain';

/** What a case keeps of the risk assessment that opened it (and of later ones), for mentors and for events. */
export interface CaseContext {
  readonly program: string;
  readonly yearOfStudy: number;
  readonly riskLevel: RiskLevel;
  readonly riskReasons: readonly RiskReasonV1[];
  readonly weakCourses: readonly string[];
  /** A risk flag, or the student asking for a mentor themself. */
  readonly openedFor: CaseOpeningReason;
  /** What a self-referred student would like help with, in their words: for their mentor only. */
  readonly studentNote: string | null;
  /** The risk event that opened the case: the cause of the events matching publishes later. */
  readonly triggerEventId: string;
  readonly correlationId: string;
}

/** A case as stored: the domain state plus its context. Domain transitions keep the context (they spread the state). */
export type CaseRecord = MentoringCase & CaseContext;
