import { createEnvelope, EventEnvelope, RISK_ASSESSED_V1, RiskAssessedV1 } from '@mentoring/contracts';
import type { AssessmentTrigger } from './assessment-trigger';
import type { StudentAssessment } from './student-assessment';

export const SERVICE_NAME = 'risk-scoring';

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
