import { CASE_EVENT_KINDS, caseEventType, CaseEventV1 } from './mentoring/case-event/v1';
import { GRADE_RECORDED_V1, GradeRecordedV1 } from './grades/grade-recorded/v1';
import { GRADE_SUBMITTED_V1, GradeSubmissionV1 } from './grades/grade-submitted/v1';
import { NOTIFICATION_DISPATCHED_V1, NotificationDispatchedV1 } from './notifications/notification-dispatched/v1';
import { RISK_ASSESSED_V1, RiskAssessedV1 } from './risk/risk-assessed/v1';
import { STUDENT_DIRECTORY_UPDATED_V1, StudentDirectoryUpdatedV1 } from './students/directory-updated/v1';
import { TOPICS } from './topics/topics';

/** Every published event type: its payload class and the topic it travels on. */
export const EVENT_CATALOG: Record<string, { payload: new () => object; topic: string }> = {
  [GRADE_SUBMITTED_V1]: { payload: GradeSubmissionV1, topic: TOPICS.registrarGradesSubmitted },
  [GRADE_RECORDED_V1]: { payload: GradeRecordedV1, topic: TOPICS.gradesRecorded },
  [RISK_ASSESSED_V1]: { payload: RiskAssessedV1, topic: TOPICS.riskAssessed },
  [NOTIFICATION_DISPATCHED_V1]: { payload: NotificationDispatchedV1, topic: TOPICS.notificationsDispatched },
  [STUDENT_DIRECTORY_UPDATED_V1]: { payload: StudentDirectoryUpdatedV1, topic: TOPICS.studentsDirectoryUpdated },
  ...Object.fromEntries(
    CASE_EVENT_KINDS.map((kind) => [caseEventType(kind), { payload: CaseEventV1, topic: TOPICS.mentoringCaseEvents }]),
  ),
};
