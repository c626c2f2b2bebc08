import type { PreviousStanding, RiskReason, RiskReasonCode } from './standing';
import { standingChanged } from './standing-changed';

function reason(code: RiskReasonCode, value: number | null = 65): RiskReason {
  return { code, value, threshold: 70, gradeIds: ['g1'], summary: `${code} ${value}` };
}

const atRisk: PreviousStanding = { level: 'at-risk', reasons: [reason('summative-mean-below-at-risk')] };

describe('standingChanged', () => {
  it('is true when the level changes', () => {
    expect(standingChanged(atRisk, { ...atRisk, level: 'urgent' })).toBe(true);
  });

  it('is true when a reason code appears or disappears at the same level', () => {
    const more = { ...atRisk, reasons: [...atRisk.reasons, reason('downward-trend')] };
    expect(standingChanged(atRisk, more)).toBe(true);
    expect(standingChanged(more, atRisk)).toBe(true);
  });

  it('ignores changes of values, thresholds, grade ids and summaries alone', () => {
    const drifted: PreviousStanding = {
      level: 'at-risk',
      reasons: [{ ...reason('summative-mean-below-at-risk', 63.8), threshold: 72, gradeIds: ['g1', 'g2'] }],
    };
    expect(standingChanged(atRisk, drifted)).toBe(false);
  });

  it('ignores the order of reasons', () => {
    const a = { level: 'watch' as const, reasons: [reason('downward-trend'), reason('low-formative-mean')] };
    const b = { level: 'watch' as const, reasons: [reason('low-formative-mean'), reason('downward-trend')] };
    expect(standingChanged(a, b)).toBe(false);
  });

  it('treats a student never assessed as ok with no reasons', () => {
    expect(standingChanged(undefined, { level: 'ok', reasons: [] })).toBe(false);
    expect(standingChanged(undefined, atRisk)).toBe(true);
  });
});
