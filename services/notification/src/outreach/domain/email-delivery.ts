import { isOverFrequencyCap, nextCapacityAt } from './frequency-cap';
import { deliverAt, QuietHoursPreference } from './quiet-hours';

export interface DeliveryPreferences extends QuietHoursPreference {
  /** Email only; the in-app inbox always receives every message. */
  emailOptOut: boolean;
  maxEmailsPer24h: number | null;
}

export type EmailDecision =
  | { action: 'send' }
  | { action: 'skip'; reason: 'opted-out' | 'no-address' }
  | { action: 'defer'; until: Date }
  | { action: 'digest'; at: Date };

export interface EmailDecisionInput {
  email: string | null;
  preferences: DeliveryPreferences;
  now: Date;
  /** When earlier emails to this recipient were sent (the last 24 hours are enough). */
  recentEmailsSentAt: readonly Date[];
}

/**
 * What to do with an email that is due now. Decide again when a deferral ends: the cap counts
 * the emails sent by then, so a morning after quiet hours never brings a burst.
 * The inbox copy never waits: it interrupts nobody.
 */
export function decideEmail({ email, preferences, now, recentEmailsSentAt }: EmailDecisionInput): EmailDecision {
  if (preferences.emailOptOut) return { action: 'skip', reason: 'opted-out' };
  if (!email) return { action: 'skip', reason: 'no-address' };
  const allowedAt = deliverAt(now, preferences);
  if (allowedAt > now) return { action: 'defer', until: allowedAt };
  if (isOverFrequencyCap(recentEmailsSentAt, now, preferences.maxEmailsPer24h)) {
    // Held back, never dropped: the excess goes out together once the window has room again.
    return { action: 'digest', at: deliverAt(nextCapacityAt(recentEmailsSentAt, now, preferences.maxEmailsPer24h), preferences) };
  }
  return { action: 'send' };
}
