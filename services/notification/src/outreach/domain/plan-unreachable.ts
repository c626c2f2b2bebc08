import type { CaseEventV1 } from '@mentoring/contracts';
import { commonVariables, MessageContext, planMessage } from './message-building';
import type { PlannedMessage, Recipient } from './planned-message';

/**
 * The one notice a programme's coordinators get about a student no email reaches: the message
 * is keyed by the student, not the event, so however many events find them without an address,
 * each coordinator hears it once.
 */
export function unreachableNoticeId(studentId: string): string {
  return `student-unreachable:${studentId}`;
}

/** Tells each coordinator of the case's programme that the student has no email address yet. */
export function planUnreachableNotice(event: CaseEventV1, coordinators: readonly Recipient[], context: MessageContext): PlannedMessage[] {
  return coordinators.map((coordinator) =>
    planMessage(
      'coordinator-student-unreachable',
      coordinator,
      {
        ...commonVariables(coordinator, context),
        studentName: event.student.displayName,
        program: event.program,
        yearOfStudy: event.yearOfStudy,
        caseUrl: context.linkFor('open-case', { recipientId: coordinator.id, caseId: event.caseId }),
      },
      { triggeringEventId: unreachableNoticeId(event.studentId), caseId: event.caseId },
      context,
    ),
  );
}
