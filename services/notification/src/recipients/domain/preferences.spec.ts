import { defaultPreferences, deliveryPreferencesOf, parseQuietHours } from './preferences';

describe('recipient preferences', () => {
  it('defaults to email and the inbox, with the service-wide cap and quiet hours', () => {
    expect(defaultPreferences({ maxEmailsPer24h: 5, quietHours: { start: '22:00', end: '07:00' } })).toEqual({
      channel: 'email',
      emailOptOut: false,
      quietHours: { start: '22:00', end: '07:00' },
      maxEmailsPer24h: 5,
      dailyDigest: false,
      locale: null,
    });
  });

  it('treats choosing the inbox only as opting out of email', () => {
    const inboxOnly = { ...defaultPreferences({ maxEmailsPer24h: null, quietHours: null }), channel: 'inbox' as const };
    expect(deliveryPreferencesOf(inboxOnly, 'Asia/Dubai')).toEqual({ timeZone: 'Asia/Dubai', quietHours: null, emailOptOut: true, maxEmailsPer24h: null });
  });

  it('reads quiet hours from configuration', () => {
    expect(parseQuietHours('22:00-07:30')).toEqual({ start: '22:00', end: '07:30' });
    expect(parseQuietHours(undefined)).toBeNull();
    expect(parseQuietHours('')).toBeNull();
  });
});
