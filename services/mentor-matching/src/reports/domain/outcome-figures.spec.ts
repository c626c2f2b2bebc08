import { CaseOutcomeFacts, figuresBy, outcomeFigures } from './outcome-figures';

const asOf = new Date('2030-04-30T12:00:00Z');
const daysBefore = (days: number) => new Date(asOf.getTime() - days * 86_400_000);
const after = (from: Date, hours: number) => new Date(from.getTime() + hours * 3_600_000);

function flagged(daysAgo: number, overrides: Partial<CaseOutcomeFacts> = {}): CaseOutcomeFacts {
  return { program: 'MBBS', mentorId: 'M-A', status: 'active', outcome: null, flaggedAt: daysBefore(daysAgo), firstContactAt: null, firstMeetingAt: null, ...overrides };
}

function contactedAndMet(daysAgo: number, contactHours: number, meetingHours: number | null, overrides: Partial<CaseOutcomeFacts> = {}): CaseOutcomeFacts {
  const flaggedAt = daysBefore(daysAgo);
  return flagged(daysAgo, { firstContactAt: after(flaggedAt, contactHours), firstMeetingAt: meetingHours === null ? null : after(flaggedAt, meetingHours), ...overrides });
}

describe('outcome figures', () => {
  it('summarises flag to first contact and to first meeting, leaving cases not yet there out', () => {
    const figures = outcomeFigures([contactedAndMet(40, 2, 50), contactedAndMet(40, 4, 100), contactedAndMet(40, 6, null), flagged(1)], asOf);

    expect(figures.casesFlagged).toBe(4);
    expect(figures.flagToFirstContact).toEqual({ count: 3, medianHours: 4, p90Hours: 6 });
    expect(figures.flagToFirstMeeting).toEqual({ count: 2, medianHours: 50, p90Hours: 100 });
  });

  it('counts a meeting within 7 and 14 days of the flag, the last moment included, among cases old enough to have had the time', () => {
    const figures = outcomeFigures(
      [
        contactedAndMet(30, 1, 7 * 24), // met on the seventh day exactly
        contactedAndMet(30, 1, 10 * 24), // within 14 only
        contactedAndMet(30, 1, 20 * 24), // within neither
        contactedAndMet(10, 1, null), // old enough for 7, not for 14
        contactedAndMet(3, 1, 24), // too young for either, although it met
      ],
      asOf,
    );

    expect(figures.metWithin7Days).toEqual({ days: 7, cases: 4, met: 1, share: 0.25 });
    expect(figures.metWithin14Days).toEqual({ days: 14, cases: 3, met: 2, share: 2 / 3 });
  });

  it('has no share when no case is old enough, rather than a share of nothing', () => {
    const figures = outcomeFigures([flagged(2)], asOf);

    expect(figures.metWithin7Days.share).toBeNull();
    expect(figures.loopClosure).toEqual({ afterDays: 30, cases: 0, closed: 0, rate: null });
  });

  it('measures loop closure among cases flagged at least the given days ago', () => {
    const cases = [
      contactedAndMet(60, 1, 48, { status: 'closed', outcome: 'met' }),
      flagged(50, { status: 'closed', outcome: 'unreachable' }),
      contactedAndMet(45, 1, 48), // still open: a loop nobody closed
      flagged(10, { status: 'closed', outcome: 'declined-by-student' }), // too young to count either way
    ];

    expect(outcomeFigures(cases, asOf).loopClosure).toEqual({ afterDays: 30, cases: 3, closed: 2, rate: 2 / 3 });
    expect(outcomeFigures(cases, asOf, 5).loopClosure).toEqual({ afterDays: 5, cases: 4, closed: 3, rate: 0.75 });
  });

  it('counts outcomes, and the cases that ended before any attended meeting', () => {
    const figures = outcomeFigures(
      [
        contactedAndMet(60, 1, 48, { status: 'closed', outcome: 'met' }),
        contactedAndMet(60, 1, 48, { status: 'closed', outcome: 'referred' }),
        flagged(50, { status: 'closed', outcome: 'unreachable' }),
        flagged(50, { status: 'closed', outcome: 'declined-by-student' }),
        flagged(50, { status: 'closed', outcome: 'improved' }),
        flagged(40),
      ],
      asOf,
    );

    expect(figures.outcomes).toEqual({ met: 1, improved: 1, referred: 1, 'declined-by-student': 1, unreachable: 1 });
    expect(figures.endedEarly).toEqual({ cases: 3, outcomes: { met: 0, improved: 1, referred: 0, 'declined-by-student': 1, unreachable: 1 } });
  });

  it('groups cases by programme or mentor in name order, leaving cases without the key out', () => {
    const cases = [flagged(20, { program: 'MD', mentorId: 'M-B' }), flagged(20, { program: 'MBBS', mentorId: null }), flagged(20, { program: 'MBBS', mentorId: 'M-A' })];

    expect(figuresBy(cases, (record) => record.program, asOf).map(({ key, figures }) => [key, figures.casesFlagged])).toEqual([
      ['MBBS', 2],
      ['MD', 1],
    ]);
    expect(figuresBy(cases, (record) => record.mentorId, asOf).map(({ key, figures }) => [key, figures.casesFlagged])).toEqual([
      ['M-A', 1],
      ['M-B', 1],
    ]);
  });
});
