import { DeliveryPreferences, decideEmail } from './email-delivery';

const preferences: DeliveryPreferences = {
  timeZone: 'Europe/London',
  quietHours: { start: '21:00', end: '08:00' },
  emailOptOut: false,
  maxEmailsPer24h: 2,
};
const daytime = new Date('2026-10-12T12:00:00Z');
const hoursBefore = (moment: Date, hours: number) => new Date(moment.getTime() - hours * 3_600_000);

describe('decideEmail', () => {
  const decide = (overrides: Partial<Parameters<typeof decideEmail>[0]> = {}) =>
    decideEmail({ email: 'zoe@students.example.edu', preferences, now: daytime, recentEmailsSentAt: [], ...overrides });

  it('sends in the daytime under the cap', () => {
    expect(decide()).toEqual({ action: 'send' });
  });

  it('skips email for an opted-out recipient or one without an address (the inbox still gets it)', () => {
    expect(decide({ preferences: { ...preferences, emailOptOut: true } })).toEqual({ action: 'skip', reason: 'opted-out' });
    expect(decide({ email: null })).toEqual({ action: 'skip', reason: 'no-address' });
  });

  it('defers to the end of quiet hours', () => {
    expect(decide({ now: new Date('2026-10-12T22:00:00Z') })).toEqual({ action: 'defer', until: new Date('2026-10-13T07:00:00Z') });
  });

  it('gathers the excess into a digest, sent when the window has room and quiet hours are over', () => {
    const sent = [hoursBefore(daytime, 10), hoursBefore(daytime, 2)];
    expect(decide({ recentEmailsSentAt: sent })).toEqual({ action: 'digest', at: new Date('2026-10-13T07:00:00Z') });
    expect(decide({ recentEmailsSentAt: [hoursBefore(daytime, 20), hoursBefore(daytime, 2)] })).toEqual({
      action: 'digest',
      at: new Date('2026-10-12T16:00:00Z'),
    });
  });
});
