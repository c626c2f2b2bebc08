import { CaseSloFacts, sloFigures } from './slo-figures';

const NOW = new Date('2026-03-10T12:00:00Z');
const hoursBefore = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const HOUR = 3_600;

function flagged(hoursAgo: number, facts: Partial<CaseSloFacts> = {}): CaseSloFacts {
  return { status: 'matched', flaggedAt: hoursBefore(hoursAgo), firstContactAt: null, firstMeetingAt: null, ...facts };
}

describe('SLO figures', () => {
  it('counts a case still waiting with its wait so far, and leaves out one closed before it was reached', () => {
    const figures = sloFigures({
      cases: [
        flagged(100, { status: 'active', firstContactAt: hoursBefore(98) }),
        flagged(50, { status: 'active', firstContactAt: hoursBefore(46) }),
        flagged(10),
        flagged(500, { status: 'closed' }),
      ],
      waitlistedFlaggedAt: [],
      offerAnswers: [],
      now: NOW,
    });
    // Waits of 2 h, 4 h and 10 h (still waiting); the closed case does not count.
    expect(figures.flagToFirstContact).toEqual({ p50: 4 * HOUR, p90: 10 * HOUR });
    // Nobody has met yet: the three open cases wait 100, 50 and 10 hours.
    expect(figures.flagToFirstMeeting).toEqual({ p50: 50 * HOUR, p90: 100 * HOUR });
  });

  it('reports the oldest waitlisted case by its flag, and 0 when none waits', () => {
    expect(sloFigures({ cases: [], waitlistedFlaggedAt: [hoursBefore(5), hoursBefore(30)], offerAnswers: [], now: NOW }).oldestWaitlistedSeconds).toBe(30 * HOUR);
    expect(sloFigures({ cases: [], waitlistedFlaggedAt: [], offerAnswers: [], now: NOW }).oldestWaitlistedSeconds).toBe(0);
  });

  it('weighs each mentor by their offers in the share answered within the SLA', () => {
    const figures = sloFigures({
      cases: [],
      waitlistedFlaggedAt: [],
      offerAnswers: [
        { offers: 8, expiryRate: 0 },
        { offers: 2, expiryRate: 1 },
      ],
      now: NOW,
    });
    expect(figures.offersAnsweredWithinSla).toBeCloseTo(0.8);
    expect(sloFigures({ cases: [], waitlistedFlaggedAt: [], offerAnswers: [], now: NOW }).offersAnsweredWithinSla).toBeNull();
    expect(figures.flagToFirstContact).toEqual({ p50: null, p90: null });
  });
});
