/** Every topic of the platform. Each is keyed by studentId; `<topic>.dlq` holds its dead letters. */
export const TOPICS = {
  registrarGradesSubmitted: 'registrar.grades.submitted.v1',
  gradesRecorded: 'grades.recorded.v1',
  riskAssessed: 'risk.assessed.v1',
  mentoringCaseEvents: 'mentoring.case-events.v1',
  notificationsDispatched: 'notifications.dispatched.v1',
  studentsDirectoryUpdated: 'students.directory-updated.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** The dead-letter topic of a topic. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * Applies an optional namespace (e.g. per test suite or per environment) to a topic name, so
 * several isolated pipelines can share one broker.
 */
export function namespacedTopic(topic: string, namespace?: string): string {
  return namespace ? `${namespace}.${topic}` : topic;
}
