import type { PlannedMessage } from './planned-message';
import type { SlotChoice } from './template-variables';

function hasSlots(variables: object): variables is { slots: SlotChoice[] } {
  return Array.isArray((variables as { slots?: unknown }).slots);
}

/** Whether the message offers times to pick, which can pass before it is shown or sent. */
export function offersTimes(message: PlannedMessage): boolean {
  return hasSlots(message.variables) && message.variables.slots.length > 0;
}

/**
 * What to keep of a message that offers times, to render it again later; null for any other.
 * Only what rendering reads: the address is the directory's business, not the message's.
 */
export function refreshableFormOf(message: PlannedMessage): PlannedMessage | null {
  if (!offersTimes(message)) return null;
  return { ...message, recipient: { ...message.recipient, email: null } };
}

/**
 * The message as it may be shown at `now`: offered times that have begun are left out. Slots are
 * chosen when an event is planned, but a message is rendered and sent later (after quiet hours,
 * on a retry); with none left, the templates point to the page that computes fresh times.
 */
export function withFreshSlots(message: PlannedMessage, now: Date): PlannedMessage {
  if (!hasSlots(message.variables)) return message;
  const slots = message.variables.slots.filter((slot) => Date.parse(slot.time.start) > now.getTime());
  if (slots.length === message.variables.slots.length) return message;
  return { ...message, variables: { ...message.variables, slots } } as PlannedMessage;
}
