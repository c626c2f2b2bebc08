import type { Channel, RecipientRole } from '@mentoring/contracts';
import type { MeetingPlace, TemplateName, TemplateVariables } from './template-variables';

/** Who a message goes to: only what greeting, addressing and scheduling need. */
export interface Recipient {
  id: string;
  role: RecipientRole;
  displayName: string;
  email: string | null;
  timeZone: string;
}

/** A booked meeting as a calendar entry: the same `uid` for its whole life, `sequence` growing with each change. */
export interface CalendarMeeting {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  /** The room, video link or phone number; null when the booking predates meeting places. */
  location: string | null;
}

/**
 * The .ics a message carries: a booked meeting (added, or moved under the same UID) or its
 * cancellation. Offered times carry none: a hold in someone's calendar cannot be refreshed when
 * the time is taken or passes, and the pick links always are.
 */
export interface CalendarInviteRequest {
  otherPartyName: string;
  meeting: CalendarMeeting;
  place: MeetingPlace | null;
  cancelled: boolean;
  manageUrl: string;
}

export interface PlannedMessageOf<T extends TemplateName> {
  template: T;
  recipient: Recipient;
  /** The recipient's preferred locale; rendering falls back to English when it has no templates. */
  locale: string;
  variables: TemplateVariables[T];
  calendar: CalendarInviteRequest | null;
  /**
   * When the message stops being worth sending (a reminder, at the meeting's start): an email
   * that could only go later is dropped, not sent late. Null: it never expires.
   */
  expiresAt: string | null;
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
