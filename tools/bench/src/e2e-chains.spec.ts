import { buildChains, chainKey, hopLatencies, StageEvent } from './e2e-chains';

const event = (stage: StageEvent['stage'], timeMs: number, overrides: Partial<StageEvent> = {}): StageEvent => ({
  stage,
  timeMs,
  correlationId: 'c-1',
  subject: 'e2e-000001',
  ...overrides,
});

describe('chainKey', () => {
  it('keys by correlation id and student, since one REST batch shares a correlation id', () => {
    expect(chainKey({ correlationId: 'req-1', subject: 'S-1' })).not.toBe(chainKey({ correlationId: 'req-1', subject: 'S-2' }));
  });
});

describe('buildChains', () => {
  it('links grade, assessment, match and delivery of one student', () => {
    const { started, complete } = buildChains([
      event('graded', 1_000),
      event('assessed', 1_040),
      event('matched', 1_100),
      event('delivered', 1_180, { preferred: true }),
    ]);
    expect(started).toBe(1);
    expect(complete).toEqual([
      { key: 'c-1|e2e-000001', gradedAt: 1_000, assessedAt: 1_040, matchedAt: 1_100, deliveredAt: 1_180, preferredDelivery: true },
    ]);
  });

  it('takes the assessment and grade that triggered the match', () => {
    const { complete } = buildChains([
      event('graded', 1_000),
      event('assessed', 1_030),
      event('graded', 1_010),
      event('assessed', 1_050),
      event('matched', 1_200),
      event('assessed', 1_300),
      event('delivered', 1_250, { preferred: true }),
    ]);
    expect(complete[0]).toMatchObject({ gradedAt: 1_010, assessedAt: 1_050 });
  });

  it('prefers the sent mentor email over earlier outcomes, else takes the first outcome', () => {
    const preferred = buildChains([event('graded', 0), event('assessed', 1), event('matched', 2), event('delivered', 3), event('delivered', 9, { preferred: true })]);
    expect(preferred.complete[0]).toMatchObject({ deliveredAt: 9, preferredDelivery: true });
    const fallback = buildChains([event('graded', 0), event('assessed', 1), event('matched', 2), event('delivered', 5), event('delivered', 4)]);
    expect(fallback.complete[0]).toMatchObject({ deliveredAt: 4, preferredDelivery: false });
  });

  it('counts a student without a delivery as started, not complete', () => {
    const { started, complete } = buildChains([
      event('graded', 0),
      event('assessed', 1),
      event('matched', 2),
      event('graded', 0, { subject: 'e2e-000002' }),
    ]);
    expect(started).toBe(2);
    expect(complete).toEqual([]);
  });

  it('ignores keys that never had a grade (events of other runs or phases)', () => {
    expect(buildChains([event('assessed', 1), event('matched', 2), event('delivered', 3)]).started).toBe(0);
  });
});

describe('hopLatencies', () => {
  it('summarises each hop and the whole path', () => {
    const { complete } = buildChains([
      event('graded', 0),
      event('assessed', 40),
      event('matched', 100),
      event('delivered', 180, { preferred: true }),
    ]);
    const hops = hopLatencies(complete);
    expect(hops.gradeToAssessed.p50).toBe(40);
    expect(hops.assessedToMatched.p50).toBe(60);
    expect(hops.matchedToDelivered.p50).toBe(80);
    expect(hops.gradeToDelivered).toEqual({ count: 1, p50: 180, p95: 180, p99: 180, max: 180 });
  });
});
