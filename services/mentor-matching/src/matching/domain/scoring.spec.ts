import { CandidateFacts, DEFAULT_SCORING_POLICY, scoreCandidate } from './scoring';
import { NO_RESPONSIVENESS_HISTORY } from '../../mentors/domain/responsiveness';

const baseFacts: CandidateFacts = {
  isCurrentMentor: false,
  availability: { bookableFreeMinutesNext7Days: 240, bookableFreeMinutesNext14Days: 480, bookableOverlapMinutesNext14Days: 120 },
  openCases: 2,
  maxOpenCases: 4,
  responsiveness: NO_RESPONSIVENESS_HISTORY,
  expertise: ['ANAT101'],
  weakCourses: ['anat101', 'PHYS102'],
};

const ideal: CandidateFacts = {
  ...baseFacts,
  availability: { bookableFreeMinutesNext7Days: 6000, bookableFreeMinutesNext14Days: 12000, bookableOverlapMinutesNext14Days: 12000 },
  openCases: 0,
  responsiveness: { offers: 1000, medianHoursToAccept: 0, declineRate: 0, expiryRate: 0 },
  expertise: ['ANAT101', 'PHYS102'],
};

describe('scoreCandidate', () => {
  it('explains the total by its components', () => {
    const { total, components } = scoreCandidate(baseFacts);
    expect(components).toEqual({ continuity: 0, overlap: 20, load: 10, responsiveness: 10, expertise: 10 });
    expect(total).toBe(50);
  });

  it('prefers the current mentor with real free time over even an ideal stranger', () => {
    const current = { ...baseFacts, isCurrentMentor: true, availability: { ...baseFacts.availability, bookableOverlapMinutesNext14Days: 0 } };
    expect(scoreCandidate(current).total).toBeGreaterThan(scoreCandidate(ideal).total);
  });

  it('gives no continuity bonus to a current mentor without real free time this week', () => {
    const busy = { ...baseFacts, isCurrentMentor: true, availability: { ...baseFacts.availability, bookableFreeMinutesNext7Days: 30 } };
    expect(scoreCandidate(busy).components.continuity).toBe(0);
  });

  it('rewards more overlap, with diminishing returns', () => {
    const withOverlap = (minutes: number) =>
      scoreCandidate({ ...baseFacts, availability: { ...baseFacts.availability, bookableOverlapMinutesNext14Days: minutes } }).components.overlap;
    expect(withOverlap(0)).toBe(0);
    expect(withOverlap(240)).toBeGreaterThan(withOverlap(120));
    expect(withOverlap(240) - withOverlap(120)).toBeLessThan(withOverlap(120) - withOverlap(0));
  });

  it('prefers a lighter load', () => {
    expect(scoreCandidate({ ...baseFacts, openCases: 0 }).total).toBeGreaterThan(scoreCandidate({ ...baseFacts, openCases: 3 }).total);
  });

  it('prefers fast, reliable mentors, trusting a long history more than a short one', () => {
    const responsiveness = (offers: number, medianHoursToAccept: number | null, declineRate: number, expiryRate: number) =>
      scoreCandidate({ ...baseFacts, responsiveness: { offers, medianHoursToAccept, declineRate, expiryRate } }).components.responsiveness;
    expect(responsiveness(20, 2, 0, 0)).toBeGreaterThan(responsiveness(20, 40, 0.3, 0.2));
    expect(responsiveness(1, 1, 0, 0)).toBeLessThan(responsiveness(20, 1, 0, 0));
    expect(responsiveness(20, null, 0, 1)).toBeLessThan(DEFAULT_SCORING_POLICY.weights.responsiveness / 2);
  });

  it('counts expertise as the share of weak courses covered, ignoring case', () => {
    expect(scoreCandidate({ ...baseFacts, expertise: ['anat101', 'phys102'] }).components.expertise).toBe(20);
    expect(scoreCandidate({ ...baseFacts, weakCourses: [] }).components.expertise).toBe(0);
  });
});
