import { AvailabilityFacts } from './availability';
import { ResponsivenessSummary } from '../../mentors/domain/responsiveness';

export interface CandidateFacts {
  readonly isCurrentMentor: boolean;
  readonly availability: AvailabilityFacts;
  readonly openCases: number;
  readonly maxOpenCases: number;
  readonly responsiveness: ResponsivenessSummary;
  /** Course codes the mentor can help with. */
  readonly expertise: readonly string[];
  /** Course codes from the risk assessment. */
  readonly weakCourses: readonly string[];
}

export interface ScoringPolicy {
  /**
   * Points per component; each component is a fraction in [0, 1]. Continuity outweighs all the
   * others together, so a current mentor with real free time is always the first choice; the
   * rest put availability first (the studies' main barrier), then load and responsiveness.
   */
  readonly weights: {
    readonly continuity: number;
    readonly overlap: number;
    readonly load: number;
    readonly responsiveness: number;
    readonly expertise: number;
  };
  /** Bookable minutes in the next 7 days that count as "real free time" for continuity: two meetings. */
  readonly continuityMinFreeMinutes: number;
  /** Overlap at which the overlap component reaches one half; more keeps helping, less and less. */
  readonly overlapHalfSaturationMinutes: number;
  /** Hours to accept that score zero on speed: the SLA. */
  readonly acceptReferenceHours: number;
  /** A mentor's history is blended with a neutral 0.5 as if from this many offers, so one lucky or unlucky offer does not decide. */
  readonly responsivenessPriorOffers: number;
}

export const DEFAULT_SCORING_POLICY: ScoringPolicy = {
  weights: { continuity: 100, overlap: 40, load: 20, responsiveness: 20, expertise: 20 },
  continuityMinFreeMinutes: 60,
  overlapHalfSaturationMinutes: 120,
  acceptReferenceHours: 48,
  responsivenessPriorOffers: 3,
};

export type ScoreComponent = keyof ScoringPolicy['weights'];

export interface CandidateScore {
  readonly total: number;
  /** Each component's points (fraction x weight), so a coordinator can see why a mentor was chosen. */
  readonly components: Record<ScoreComponent, number>;
}

/** How good a match an eligible mentor is for a student; higher is better, never negative. */
export function scoreCandidate(facts: CandidateFacts, policy: ScoringPolicy = DEFAULT_SCORING_POLICY): CandidateScore {
  const { weights } = policy;
  const components: Record<ScoreComponent, number> = {
    continuity: weights.continuity * continuityFraction(facts, policy),
    overlap: weights.overlap * overlapFraction(facts.availability.bookableOverlapMinutesNext14Days, policy),
    load: weights.load * loadFraction(facts.openCases, facts.maxOpenCases),
    responsiveness: weights.responsiveness * responsivenessFraction(facts.responsiveness, policy),
    expertise: weights.expertise * expertiseFraction(facts.expertise, facts.weakCourses),
  };
  const total = Object.values(components).reduce((sum, points) => sum + points, 0);
  return { total, components };
}

function continuityFraction(facts: CandidateFacts, policy: ScoringPolicy): number {
  return facts.isCurrentMentor && facts.availability.bookableFreeMinutesNext7Days >= policy.continuityMinFreeMinutes ? 1 : 0;
}

function overlapFraction(overlapMinutes: number, policy: ScoringPolicy): number {
  return overlapMinutes / (overlapMinutes + policy.overlapHalfSaturationMinutes);
}

function loadFraction(openCases: number, maxOpenCases: number): number {
  return maxOpenCases > 0 ? clamp01(1 - openCases / maxOpenCases) : 0;
}

function responsivenessFraction(history: ResponsivenessSummary, policy: ScoringPolicy): number {
  const neutral = 0.5;
  if (history.offers === 0) return neutral;
  const speed =
    history.medianHoursToAccept === null ? 0 : clamp01(1 - history.medianHoursToAccept / policy.acceptReferenceHours);
  const reliability = clamp01(1 - history.declineRate - history.expiryRate);
  const observed = (speed + reliability) / 2;
  const prior = policy.responsivenessPriorOffers;
  return (observed * history.offers + neutral * prior) / (history.offers + prior);
}

function expertiseFraction(expertise: readonly string[], weakCourses: readonly string[]): number {
  if (weakCourses.length === 0) return 0;
  // Feeds disagree on the case of course codes ("anat101" vs "ANAT101").
  const known = new Set(expertise.map((course) => course.toUpperCase()));
  const covered = weakCourses.filter((course) => known.has(course.toUpperCase())).length;
  return covered / weakCourses.length;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
