import { casesOpenedFor } from './opening-counts';

describe('casesOpenedFor', () => {
  it('counts cases per opening reason', () => {
    expect(casesOpenedFor([{ openedFor: 'risk-flag' }, { openedFor: 'self-referral' }, { openedFor: 'risk-flag' }])).toEqual({ 'risk-flag': 2, 'self-referral': 1 });
  });

  it('names every reason even with no cases', () => {
    expect(casesOpenedFor([])).toEqual({ 'risk-flag': 0, 'self-referral': 0 });
  });
});
