import type { AssessmentType, ScoreStatus } from '@mentoring/contracts';

/**
 * One grade as scoring sees it: the *current* value of a recorded grade. The caller passes the
 * latest value per (feed, sourceRecordId), so an amendment replaces the grade it amends and is
 * never passed beside it; re-scoring from the amended values is then just another assessment.
 *
 * There is deliberately no field for sex, ethnicity, nationality, age or disability (or any proxy
 * such as a name): fairness starts with those never being an input. Keep it that way.
 */
export interface GradeFact {
  gradeId: string;
  courseCode: string;
  assessmentType: AssessmentType;
  /** score / maxScore * 100, as grades.recorded.v1 carries it. */
  percentage: number;
  scoreStatus: ScoreStatus;
  /** ISO 8601 date-time. */
  gradedAt: string;
  /** OneRoster category title; only read when the policy weights categories. */
  category?: string | null;
  /** The category's weight in the feed's gradebook; read only when the policy takes weights from the feed. */
  categoryWeight?: number | null;
}

/** What mentoring tells scoring about a student's engagement (from mentoring.case-events.v1). */
export interface EngagementFacts {
  /** Mentoring sessions missed in a row; an attended session resets it to 0. */
  consecutiveMissedSessions: number;
}
