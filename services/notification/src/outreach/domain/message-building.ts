import type { CaseParticipantV1, RecipientRole } from '@mentoring/contracts';
import type { LinkFor } from './links';
import type { CalendarInviteRequest, PlannedMessageOf, Recipient } from './planned-message';
import { greetingNameOf } from './greeting';
import { FALLBACK_LOCALE } from './locale';
import type { CommonVariables, StudentVariables, TemplateName, TemplateVariables } from './template-variables';

/** What every planner needs from outside: links, the team's name, and the directory's locale. */
export interface MessageContext {
  linkFor: LinkFor;
  /** Signs every message, e.g. "The Student Mentoring Team". */
  teamName: string;
  /** The recipient's preferred locale from the directory; English when unknown. */
  localeOf?: (recipientId: string) => string | undefined;
  /** The name the directory says to greet the recipient by (a student's preferred name); null or undefined when it knows none. */
  greetingNameOf?: (recipientId: string) => string | null | undefined;
}

export interface StudentMessageContext extends MessageContext {
  /** The school's well-being page: offered in every message to a student. */
  wellbeingUrl: string;
}

export interface MessageOrigin {
  triggeringEventId: string;
  caseId: string | null;
}

export function recipientOf(participant: CaseParticipantV1, role: RecipientRole): Recipient {
  return {
    id: participant.id,
    role,
    displayName: participant.displayName,
    email: participant.email ?? null,
    timeZone: participant.timeZone,
  };
}

export function commonVariables(recipient: Recipient, context: MessageContext): CommonVariables {
  return {
    recipientName: greetingNameOf(recipient, context.greetingNameOf?.(recipient.id)),
    teamName: context.teamName,
    inboxUrl: context.linkFor('inbox', { recipientId: recipient.id }),
    preferencesUrl: context.linkFor('preferences', { recipientId: recipient.id }),
  };
}

export function studentVariables(recipient: Recipient, context: StudentMessageContext): StudentVariables {
  return { ...commonVariables(recipient, context), wellbeingUrl: context.wellbeingUrl };
}

export function planMessage<T extends TemplateName>(
  template: T,
  recipient: Recipient,
  variables: TemplateVariables[T],
  origin: MessageOrigin,
  context: MessageContext,
  calendar: CalendarInviteRequest | null = null,
  expiresAt: string | null = null,
): PlannedMessageOf<T> {
  return {
    template,
    recipient,
    locale: context.localeOf?.(recipient.id) ?? FALLBACK_LOCALE,
    variables,
    calendar,
    expiresAt,
    triggeringEventId: origin.triggeringEventId,
    caseId: origin.caseId,
  };
}
