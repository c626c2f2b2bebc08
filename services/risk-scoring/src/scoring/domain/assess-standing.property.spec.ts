import fc from 'fast-check';
import { SCORE_STATUSES } from '@mentoring/contracts';
import { assessStanding } from './assess-standing';
import type { GradeFact } from './grade-fact';
import type { RiskPolicySettings } from './risk-policy';
import { defaultPolicySettings } from './risk-policy';
import type { PreviousStanding, Standing } from './standing';
import { severityOf } from './standing';
import { standingChanged } from './standing-changed';
import { grade, NOW } from './testing/grade-builders';

/** Percentages with two decimals, as grades.recorded.v1 carries them. */
const percentageArb = fc.integer({ min: 0, max: 10_000 }).map((hundredths) => hundredths / 100);

/** Few courses, categories and days, so ties and shared courses are common. */
const gradesArb: fc.Arbitrary<GradeFact[]> = fc
  .array(
    fc.record({
      percentage: percentageArb,
      type: fc.constantFrom('summative' as const, 'formative' as const),
      status: fc.constantFrom(...SCORE_STATUSES),
      course: fc.constantFrom('ANAT101', 'PHYS102', 'BIOC103'),
      day: fc.integer({ min: 0, max: 40 }),
      category: fc.constantFrom('exam', 'osce', null),
    }),
    { maxLength: 25 },
  )
  .map((specs) => specs.map((spec, index) => grade({ ...spec, id: `g${index}` })));

const policyArb: fc.Arbitrary<RiskPolicySettings> = fc.record({
  window: fc.oneof(
    fc.constant({ kind: 'academic-year' as const, startMonth: 9 }),
    fc.integer({ min: 3, max: 8 }).map((count) => ({ kind: 'last-n' as const, count })),
  ),
  submittedCounts: fc.boolean(),
  partiallyGradedCountsForFormatives: fc.boolean(),
  notSubmittedCountsAsZero: fc.boolean(),
  weighted: fc.boolean(),
}).map(({ window, weighted, ...scoreStatuses }) => ({
  ...defaultPolicySettings(),
  window,
  scoreStatuses,
  categoryWeighting: weighted ? { weights: { exam: 70, osce: 30 }, uncategorisedWeight: 10 } : null,
}));

const missedSessionsArb = fc.integer({ min: 0, max: 4 });

/** A plausible last standing: what some other set of grades would have produced. */
const previousArb: fc.Arbitrary<PreviousStanding | undefined> = fc.option(
  fc.tuple(gradesArb, missedSessionsArb).map(([grades, missed]) => assess(grades, defaultPolicySettings(), missed)),
  { nil: undefined },
);

function assess(grades: readonly GradeFact[], policy: RiskPolicySettings, missed: number, previous?: PreviousStanding): Standing {
  return assessStanding({ grades, engagement: { consecutiveMissedSessions: missed }, policy, previous, now: NOW });
}

describe('assessStanding properties', () => {
  it('gives the same standing (mean, level, reasons, everything) for any order of the same grades', () => {
    const gradesAndShuffleArb = gradesArb.chain((grades) =>
      fc.tuple(fc.constant(grades), fc.shuffledSubarray(grades, { minLength: grades.length, maxLength: grades.length })),
    );
    fc.assert(
      fc.property(gradesAndShuffleArb, policyArb, missedSessionsArb, previousArb, ([grades, shuffled], policy, missed, previous) => {
        expect(assess(shuffled, policy, missed, previous)).toEqual(assess(grades, policy, missed, previous));
      }),
    );
  });

  it('is a fixed point: re-assessing unchanged input never reports a change', () => {
    fc.assert(
      fc.property(gradesArb, policyArb, missedSessionsArb, previousArb, (grades, policy, missed, previous) => {
        const first = assess(grades, policy, missed, previous);
        const again = assess(grades, policy, missed, first);
        expect(standingChanged(first, again)).toBe(false);
        expect(again).toEqual(first);
      }),
    );
  });

  describe('hysteresis never flaps on a mean hovering within the margin of a threshold', () => {
    const margin = defaultPolicySettings().hysteresisMargin;

    /** Hundredths in [threshold - margin, threshold + margin). */
    function hoveringMeansArb(threshold: number): fc.Arbitrary<number[]> {
      const hundredths = fc.integer({ min: (threshold - margin) * 100, max: (threshold + margin) * 100 - 1 });
      return fc.array(hundredths.map((value) => value / 100), { minLength: 2, maxLength: 40 });
    }

    /** Two summatives, amended at every step, whose mean is exactly `mean`. */
    function gradesWithMean(mean: number, spread: number): GradeFact[] {
      return [grade({ percentage: mean + spread, day: 1 }), grade({ percentage: mean - spread, day: 2 })];
    }

    function standingsOver(means: readonly number[], spreads: readonly number[], policy: RiskPolicySettings): Standing[] {
      const standings: Standing[] = [];
      means.forEach((mean, step) => {
        standings.push(assess(gradesWithMean(mean, spreads[step % spreads.length]), policy, 0, standings.at(-1)));
      });
      return standings;
    }

    function expectAtMostOneChangeAndNoWayBack(standings: readonly Standing[]): void {
      const changes = standings.slice(1).filter((standing, step) => standingChanged(standings[step], standing));
      expect(changes.length).toBeLessThanOrEqual(1);
      standings.slice(1).forEach((standing, step) => {
        expect(severityOf(standing.level)).toBeGreaterThanOrEqual(severityOf(standings[step].level));
      });
    }

    // Spreads stay small enough that the latest mark never nears the pass mark: only the mean moves.
    const spreadsArb = fc.array(fc.integer({ min: 0, max: 500 }).map((hundredths) => hundredths / 100), { minLength: 1, maxLength: 5 });

    it('around the at-risk threshold (70%)', () => {
      fc.assert(
        fc.property(hoveringMeansArb(70), spreadsArb, (means, spreads) => {
          expectAtMostOneChangeAndNoWayBack(standingsOver(means, spreads, defaultPolicySettings()));
        }),
        { numRuns: 300 },
      );
    });

    it('around the urgent threshold (60%)', () => {
      const policy = { ...defaultPolicySettings(), passMark: 50 };
      fc.assert(
        fc.property(hoveringMeansArb(60), spreadsArb, (means, spreads) => {
          expectAtMostOneChangeAndNoWayBack(standingsOver(means, spreads, policy));
        }),
        { numRuns: 300 },
      );
    });

    it('around the pass mark, for the latest summative', () => {
      fc.assert(
        fc.property(hoveringMeansArb(60), (latestMarks) => {
          const standings: Standing[] = [];
          for (const latest of latestMarks) {
            const grades = [grade({ percentage: 95, day: 1 }), grade({ percentage: 95, day: 2 }), grade({ percentage: latest, day: 3 })];
            standings.push(assess(grades, { ...defaultPolicySettings(), trendRule: null }, 0, standings.at(-1)));
          }
          expectAtMostOneChangeAndNoWayBack(standings);
        }),
        { numRuns: 300 },
      );
    });
  });
});
