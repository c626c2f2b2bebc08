import { defaultPolicy } from './risk-policy';
import { validatePolicy } from './validate-policy';

describe('defaultPolicy', () => {
  it('carries the seed study defaults as version 1', () => {
    const policy = defaultPolicy('MBBS');
    expect(policy).toMatchObject({
      program: 'MBBS',
      version: 1,
      minSummatives: 2,
      thresholds: { atRisk: 70, urgent: 60 },
      hysteresisMargin: 2,
    });
  });

  it('passes its own validation', () => {
    expect(validatePolicy(defaultPolicy('MD'))).toMatchObject({ valid: true });
  });

  it('hands out a fresh object each time, so one programme cannot change another', () => {
    const mbbs = defaultPolicy('MBBS');
    mbbs.thresholds.atRisk = 75;
    expect(defaultPolicy('BBMS').thresholds.atRisk).toBe(70);
  });
});
