import { fittedChange, orderIndependentMean, roundToHundredths, weightedMeanOfGroups } from './statistics';

describe('orderIndependentMean', () => {
  it('is null for no values', () => {
    expect(orderIndependentMean([])).toBeNull();
  });

  it('gives the same bits for any order of the same values', () => {
    const values = [0.1, 0.2, 0.3, 70.07, 69.93, 1e-9];
    expect(orderIndependentMean(values)).toBe(orderIndependentMean([...values].reverse()));
  });
});

describe('weightedMeanOfGroups', () => {
  it('weights each group mean, not each value', () => {
    expect(weightedMeanOfGroups([{ values: [50, 70], weight: 3 }, { values: [80], weight: 1 }])).toBe(65);
  });

  it('ignores groups with weight 0 or no values, and is null when nothing is left', () => {
    expect(weightedMeanOfGroups([{ values: [10], weight: 0 }, { values: [], weight: 5 }, { values: [90], weight: 1 }])).toBe(90);
    expect(weightedMeanOfGroups([{ values: [10], weight: 0 }])).toBeNull();
  });
});

describe('fittedChange', () => {
  it('is the first-to-last change of a straight line', () => {
    expect(fittedChange([80, 70, 60])).toBeCloseTo(-20);
  });

  it('smooths a single dip instead of following it', () => {
    expect(fittedChange([80, 50, 80])).toBeCloseTo(0);
  });

  it('is 0 for fewer than two points', () => {
    expect(fittedChange([55])).toBe(0);
  });
});

describe('roundToHundredths', () => {
  it('keeps two decimals', () => {
    expect(roundToHundredths(69.99499)).toBe(69.99);
    expect(roundToHundredths(200 / 3)).toBe(66.67);
  });
});
