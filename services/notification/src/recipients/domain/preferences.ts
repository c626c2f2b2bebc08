import type { DeliveryPreferences, QuietHours } from '../../outreach/domain';

/** `email`: email and the inbox; `inbox`: the in-app inbox only. The inbox always receives everything. */
export const EMAIL_CHANNEL_CHOICES = ['email', 'inbox'] as const;
export type EmailChannelChoice = (typeof EMAIL_CHANNEL_CHOICES)[number];

/** How a person wants to hear from us. */
export interface RecipientPreferences {
  channel: EmailChannelChoice;
  emailOptOut: boolean;
  /** Wall-clock times in the recipient's own time zone; null is none. */
  quietHours: QuietHours | null;
  /** Null is no cap. */
  maxEmailsPer24h: number | null;
  /** Coordinators: escalations by email once a day instead of one by one (the inbox still gets each at once). */
  dailyDigest: boolean;
  /** Preferred language of messages; null falls back to English. */
  locale: string | null;
}

/** What the service assumes for someone who chose nothing. */
export interface PreferenceDefaults {
  maxEmailsPer24h: number | null;
  quietHours: QuietHours | null;
}

export function defaultPreferences(defaults: PreferenceDefaults): RecipientPreferences {
  return {
    channel: 'email',
    emailOptOut: false,
    quietHours: defaults.quietHours,
    maxEmailsPer24h: defaults.maxEmailsPer24h,
    dailyDigest: false,
    locale: null,
  };
}

/** What email scheduling needs: choosing the inbox only is an opt-out of email, like unsubscribing. */
export function deliveryPreferencesOf(preferences: RecipientPreferences, timeZone: string): DeliveryPreferences {
  return {
    timeZone,
    quietHours: preferences.quietHours,
    emailOptOut: preferences.emailOptOut || preferences.channel === 'inbox',
    maxEmailsPer24h: preferences.maxEmailsPer24h,
  };
}

/** "22:00-07:00" (configuration) as a quiet-hours window; undefined or empty is none. */
export function parseQuietHours(value: string | undefined): QuietHours | null {
  if (!value) return null;
  const [start, end] = value.split('-');
  return { start, end };
}
