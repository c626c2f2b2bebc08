import type { Channel, MeetingSlotV1, RecipientRole } from '@mentoring/contracts';
import type { TemplateName, TemplateVariables } from './template-variables';

/** Who a message goes to: only what greeting, addressing and scheduling need. */
export interface Recipient {
  id: string;
  role: RecipientRole;
  displayName: string;
  email: string | null;
  timeZone: string;
}

/** The .ics a message carries: the offered times, or the confirmed one replacing them. */
export interface CalendarInviteRequest {
  caseId: string;
  otherPartyName: string;
  offeredSlots: MeetingSlotV1[];
  confirmedSlot: MeetingSlotV1 | null;
  manageUrl: string;
}

export interface PlannedMessageOf<T extends TemplateName> {
  template: T;
  recipient: Recipient;
  /** The recipient's preferred locale; rendering falls back to English when it has no templates. */
  locale: string;
  variables: TemplateVariables[T];
  calendar: CalendarInviteRequest | null;
  triggeringEventId: string;
  caseId: string | null;
}

/** One message to one person, ready to render; the union keeps template and variables paired. */
export type PlannedMessage = { [T in TemplateName]: PlannedMessageOf<T> }[TemplateName];

/**
 * The key that makes delivery exactly-once per (event, recipient, channel), whatever the
 * redeliveries or replicas: the delivery log stores it under a unique constraint.
 */
export function deliveryKey(triggeringEventId: string, recipientId: string, channel: Channel): string {
  return `${triggeringEventId}:${recipientId}:${channel}`;
}
