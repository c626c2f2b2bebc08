import { AWAITING_ADDRESS, planEmail } from './email-plan';

const now = new Date('2026-10-13T10:00:00Z');
const preferences = { timeZone: 'UTC', quietHours: null, emailOptOut: false, maxEmailsPer24h: 2 };
const base = { email: 'amira@students.example.edu', preferences, now, recentEmailsSentAt: [], dailyDigestAt: null };

describe('planEmail', () => {
  it('queues an email that may go now', () => {
    expect(planEmail(base)).toEqual({ status: 'queued', dueAt: now, detail: null });
  });

  it('defers an email due in quiet hours to their end', () => {
    const plan = planEmail({ ...base, preferences: { ...preferences, quietHours: { start: '09:00', end: '11:00' } } });
    expect(plan).toEqual({ status: 'deferred', dueAt: new Date('2026-10-13T11:00:00Z'), detail: 'quiet hours until 2026-10-13T11:00:00.000Z' });
  });

  it('holds the excess over the cap for a digest once the window has room', () => {
    const sent = [new Date('2026-10-13T08:00:00Z'), new Date('2026-10-13T09:00:00Z')];
    expect(planEmail({ ...base, recentEmailsSentAt: sent })).toMatchObject({
      status: 'held',
      digestKind: 'frequency-cap',
      dueAt: new Date('2026-10-14T08:00:00Z'),
    });
  });

  it("holds a coordinator's escalation for their daily digest, unless they opted out of email", () => {
    const dailyDigestAt = new Date('2026-10-14T08:00:00Z');
    expect(planEmail({ ...base, dailyDigestAt })).toMatchObject({ status: 'held', digestKind: 'daily-escalations', dueAt: dailyDigestAt });
    expect(planEmail({ ...base, dailyDigestAt, preferences: { ...preferences, emailOptOut: true } })).toEqual({ status: 'skipped', detail: 'opted-out' });
  });

  it('skips email for the opted-out and the unreachable', () => {
    expect(planEmail({ ...base, preferences: { ...preferences, emailOptOut: true } })).toEqual({ status: 'skipped', detail: 'opted-out' });
    expect(planEmail({ ...base, email: null })).toEqual({ status: 'skipped', detail: 'no-address' });
    expect(planEmail({ ...base, email: null, waitForAddress: true })).toEqual({ status: 'awaiting-address', detail: AWAITING_ADDRESS });
    expect(planEmail({ ...base, email: null, waitForAddress: true, preferences: { ...preferences, emailOptOut: true } })).toEqual({ status: 'skipped', detail: 'opted-out' });
  });

  it('drops an email held by quiet hours past its expiry instead of sending it late', () => {
    const quiet = { ...preferences, quietHours: { start: '09:00', end: '11:00' } };
    expect(planEmail({ ...base, preferences: quiet, expiresAt: new Date('2026-10-13T10:30:00Z') })).toEqual({
      status: 'skipped',
      detail: 'expired: could only go at 2026-10-13T11:00:00.000Z, not before 2026-10-13T10:30:00.000Z',
    });
    expect(planEmail({ ...base, preferences: quiet, expiresAt: new Date('2026-10-13T11:30:00Z') })).toMatchObject({ status: 'deferred' });
  });

  it('sends an email before its expiry, and drops it once the expiry is reached', () => {
    expect(planEmail({ ...base, expiresAt: new Date('2026-10-13T10:00:01Z') })).toMatchObject({ status: 'queued' });
    expect(planEmail({ ...base, expiresAt: now })).toMatchObject({ status: 'skipped' });
  });

  it('drops an email the cap would hold for a digest that comes after its expiry', () => {
    const sent = [new Date('2026-10-13T08:00:00Z'), new Date('2026-10-13T09:00:00Z')];
    expect(planEmail({ ...base, recentEmailsSentAt: sent, expiresAt: new Date('2026-10-13T11:00:00Z') })).toMatchObject({ status: 'skipped' });
  });
});
