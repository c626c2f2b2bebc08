import { defaultPolicySettings } from './risk-policy';
import type { PolicyValidation } from './validate-policy';
import { validatePolicy } from './validate-policy';

function problemsOf(result: PolicyValidation) {
  return result.valid ? [] : result.problems;
}

function withSettings(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...defaultPolicySettings(), ...changes };
}

describe('validatePolicy', () => {
  it('accepts valid settings and returns them', () => {
    const settings = { ...defaultPolicySettings(), window: { kind: 'last-n', count: 5 } };
    expect(validatePolicy(settings)).toEqual({ valid: true, settings });
  });

  it('accepts rules switched off with null and a category weighting', () => {
    const settings = withSettings({
      trendRule: null,
      formativeRule: null,
      missedSessionRule: null,
      missedSubmissionRule: null,
      thresholds: { watch: 75, atRisk: 70, urgent: 60 },
      categoryWeighting: { weights: { exam: 70, osce: 30 }, uncategorisedWeight: 0 },
    });
    expect(validatePolicy(settings).valid).toBe(true);
  });

  it('ignores program and version, which come from the path and the store', () => {
    expect(validatePolicy({ ...defaultPolicySettings(), program: 'MBBS', version: 7 }).valid).toBe(true);
  });

  it('lists every problem at once, by field path', () => {
    const result = validatePolicy(
      withSettings({
        minSummatives: 1.5,
        passMark: 120,
        hysteresisMargin: '2',
        thresholds: { watch: null, atRisk: 70 },
        scoreStatuses: { submittedCounts: 'yes', partiallyGradedCountsForFormatives: false, notSubmittedCountsAsZero: false },
        trendRule: { lastK: 1, minDrop: 10 },
      }),
    );
    expect(problemsOf(result)).toEqual([
      { field: 'minSummatives', message: 'must be a whole number from 1 to 50' },
      { field: 'thresholds.urgent', message: 'is required' },
      { field: 'passMark', message: 'must be a number from 0 to 100' },
      { field: 'hysteresisMargin', message: 'must be a number from 0 to 10' },
      { field: 'scoreStatuses.submittedCounts', message: 'must be true or false' },
      { field: 'trendRule.lastK', message: 'must be a whole number from 2 to 20' },
    ]);
  });

  it('rejects a body that is not an object', () => {
    expect(problemsOf(validatePolicy([]))).toEqual([{ field: '(body)', message: 'must be an object' }]);
    expect(problemsOf(validatePolicy(null))).toEqual([{ field: '(body)', message: 'must be an object' }]);
  });

  it('reports a missing setting rather than assuming a default, and nothing inside it', () => {
    const { window: _window, ...withoutWindow } = defaultPolicySettings();
    expect(problemsOf(validatePolicy(withoutWindow))).toEqual([{ field: 'window', message: 'is required' }]);
    expect(problemsOf(validatePolicy(withSettings({ trendRule: undefined })))).toEqual([{ field: 'trendRule', message: 'is required' }]);
  });

  it('names unknown and misspelt settings', () => {
    expect(problemsOf(validatePolicy(withSettings({ treshold: 70 })))).toEqual([
      { field: 'treshold', message: 'is not a policy setting' },
    ]);
    expect(problemsOf(validatePolicy(withSettings({ window: { kind: 'last-n', count: 5, startMonth: 9 } })))).toEqual([
      { field: 'window.startMonth', message: 'is not a policy setting' },
    ]);
  });

  it('checks the window kind and its own field', () => {
    expect(problemsOf(validatePolicy(withSettings({ window: { kind: 'semester' } })))).toEqual([
      { field: 'window.kind', message: "must be 'last-n' or 'academic-year'" },
    ]);
    expect(problemsOf(validatePolicy(withSettings({ window: {} })))).toEqual([{ field: 'window.kind', message: 'is required' }]);
    expect(problemsOf(validatePolicy(withSettings({ window: { kind: 'academic-year', startMonth: 13 } })))).toEqual([
      { field: 'window.startMonth', message: 'must be a whole number from 1 to 12' },
    ]);
  });

  it('checks how thresholds relate to each other', () => {
    expect(problemsOf(validatePolicy(withSettings({ thresholds: { watch: 65, atRisk: 70, urgent: 70 } })))).toEqual([
      { field: 'thresholds.urgent', message: 'must be below thresholds.atRisk' },
      { field: 'thresholds.watch', message: 'must be above thresholds.atRisk' },
    ]);
  });

  it('checks that a last-n window can hold the mean and the trend', () => {
    expect(problemsOf(validatePolicy(withSettings({ window: { kind: 'last-n', count: 1 } })))).toEqual([
      { field: 'window.count', message: 'must be at least minSummatives, or no mean is ever taken' },
      { field: 'trendRule.lastK', message: 'must be at most window.count, or no trend is ever taken' },
    ]);
  });

  it('checks category weights', () => {
    const weighting = (weights: unknown, uncategorisedWeight: unknown) =>
      withSettings({ categoryWeighting: { weights, uncategorisedWeight } });
    expect(problemsOf(validatePolicy(weighting({}, 1)))).toEqual([
      { field: 'categoryWeighting.weights', message: 'must list at least one category, unless useFeedWeights takes the weights the feed sends' },
    ]);
    expect(problemsOf(validatePolicy(weighting({}, 0)))).toEqual([
      { field: 'categoryWeighting.weights', message: 'must list at least one category, unless useFeedWeights takes the weights the feed sends' },
    ]);
    expect(problemsOf(validatePolicy(weighting({ exam: 0 }, 0)))).toEqual([
      { field: 'categoryWeighting.weights', message: 'must give at least one category, or uncategorisedWeight, a weight above 0: otherwise no assessment counts' },
    ]);
    const fromFeed = validatePolicy(withSettings({ categoryWeighting: { weights: {}, uncategorisedWeight: 0, useFeedWeights: true } }));
    expect(fromFeed.valid && fromFeed.settings.categoryWeighting).toEqual({ weights: {}, uncategorisedWeight: 0, useFeedWeights: true });
    expect(problemsOf(validatePolicy(withSettings({ categoryWeighting: { weights: { exam: 1 }, uncategorisedWeight: 0, useFeedWeights: 'yes' } })))).toEqual([
      { field: 'categoryWeighting.useFeedWeights', message: 'must be true or false' },
    ]);
    expect(problemsOf(validatePolicy(weighting({ exam: -1 }, 1)))).toEqual([
      { field: 'categoryWeighting.weights.exam', message: 'must be a number from 0 to 100' },
    ]);
  });

  it('checks every rule', () => {
    const result = validatePolicy(
      withSettings({
        formativeRule: { minFormatives: 0, threshold: 60 },
        missedSessionRule: { consecutive: 2 },
        missedSubmissionRule: { minCount: 'two' },
      }),
    );
    expect(problemsOf(result)).toEqual([
      { field: 'formativeRule.minFormatives', message: 'must be a whole number from 1 to 50' },
      { field: 'missedSessionRule.escalatesAtRisk', message: 'is required' },
      { field: 'missedSubmissionRule.minCount', message: 'must be a whole number from 1 to 50' },
    ]);
  });
});
