import type { EscalationReason } from '@mentoring/contracts';
import { commonVariables, MessageContext, planMessage } from './message-building';
import type { PlannedMessage, Recipient } from './planned-message';
import { escalationFlags } from './template-variables';

export interface EscalationAwaitingAction {
  caseId: string;
  studentName: string;
  program: string;
  yearOfStudy: number;
  reason: EscalationReason;
  escalatedAt: string;
}

/**
 * A coordinator's daily digest of escalations still waiting for them; none when nothing waits,
 * because an empty digest trains people to ignore the real ones. `digestId` (e.g. coordinator and
 * day) is the digest's idempotency origin.
 */
export function planCoordinatorDigest(
  coordinator: Recipient,
  escalations: readonly EscalationAwaitingAction[],
  digestId: string,
  context: MessageContext,
): PlannedMessage[] {
  if (escalations.length === 0) return [];
  const caseLink = (caseId: string) => context.linkFor('open-case', { recipientId: coordinator.id, caseId });
  const variables = {
    ...commonVariables(coordinator, context),
    escalations: escalations.map((escalation) => ({
      studentName: escalation.studentName,
      program: escalation.program,
      yearOfStudy: escalation.yearOfStudy,
      reason: escalationFlags(escalation.reason),
      escalatedAt: { at: escalation.escalatedAt, timeZone: coordinator.timeZone },
      caseUrl: caseLink(escalation.caseId),
    })),
    escalationsUrl: context.linkFor('escalations', { recipientId: coordinator.id }),
  };
  return [planMessage('coordinator-digest', coordinator, variables, { triggeringEventId: digestId, caseId: null }, context)];
}

/**
 * The email that carries what the frequency cap held back: the subjects, with the inbox where
 * each message already waits in full. Held messages are never dropped, only gathered.
 */
export function planHeldMessagesDigest(
  recipient: Recipient,
  heldSubjects: readonly string[],
  digestId: string,
  context: MessageContext,
): PlannedMessage[] {
  if (heldSubjects.length === 0) return [];
  const variables = { ...commonVariables(recipient, context), items: heldSubjects.map((subject) => ({ subject })) };
  return [planMessage('digest', recipient, variables, { triggeringEventId: digestId, caseId: null }, context)];
}
