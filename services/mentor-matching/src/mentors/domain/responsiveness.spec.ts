import { NO_RESPONSIVENESS_HISTORY, PastOffer, summariseResponsiveness } from './responsiveness';

const offer = (hours: number | null, response: PastOffer['response']): PastOffer => ({
  offeredAt: new Date('2025-10-01T00:00:00Z'),
  respondedAt: hours === null ? null : new Date(Date.parse('2025-10-01T00:00:00Z') + hours * 3_600_000),
  response,
});

describe('summariseResponsiveness', () => {
  it('derives the median time to accept and the decline and expiry rates', () => {
    const summary = summariseResponsiveness([
      offer(2, 'accepted'),
      offer(10, 'accepted'),
      offer(4, 'accepted'),
      offer(30, 'accepted'),
      offer(1, 'declined'),
      offer(null, 'expired'),
    ]);
    expect(summary).toEqual({ offers: 6, medianHoursToAccept: 7, declineRate: 1 / 6, expiryRate: 1 / 6 });
  });

  it('has no median until something is accepted', () => {
    expect(summariseResponsiveness([offer(null, 'expired')]).medianHoursToAccept).toBeNull();
    expect(summariseResponsiveness([])).toBe(NO_RESPONSIVENESS_HISTORY);
  });
});
