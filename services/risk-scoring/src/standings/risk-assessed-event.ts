import { createEnvelope, EventEnvelope, RISK_ASSESSED_V1, RiskAssessedV1, RiskAssessmentCause } from '@mentoring/contracts';
import type { StandingTrigger } from './infrastructure/standing-change.entity';
import type { AssessmentTrigger } from './assessment-trigger';
import type { StudentAssessment } from './student-assessment';

export const SERVICE_NAME = 'risk-scoring';

/** Consumers tell a student's progress (a mark) from a rule change, which is no one's doing. */
export const CAUSE_OF_TRIGGER: Record<StandingTrigger, RiskAssessmentCause> = {
  'grade-recorded': 'grade',
  'grade-amended': 'grade',
  'session-logged': 'engagement',
  'case-closed': 'engagement',
  'policy-changed': 'policy',
  'rescore-requested': 'policy',
};

/** The risk.assessed.v1 event announcing a changed standing, keyed by the student. */
export function riskAssessedEvent(
  { student, previous, standing }: StudentAssessment,
  policyVersion: number,
  trigger: AssessmentTrigger,
  assessedAt: Date,
): EventEnvelope<RiskAssessedV1> {
  const data: RiskAssessedV1 = {
    studentId: student.studentId,
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    level: standing.level,
    previousLevel: previous?.level ?? 'ok',
    reasons: standing.reasons,
    weakCourses: standing.weakCourses,
    policyVersion,
    assessedAt: assessedAt.toISOString(),
    cause: CAUSE_OF_TRIGGER[trigger.kind],
  };
  return createEnvelope({
    type: RISK_ASSESSED_V1,
    source: SERVICE_NAME,
    subject: student.studentId,
    data,
    correlationId: trigger.correlationId,
    cause: trigger.causeEventId === null ? undefined : { id: trigger.causeEventId, correlationId: trigger.correlationId },
  });
}
