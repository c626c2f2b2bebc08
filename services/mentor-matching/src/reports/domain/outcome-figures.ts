import { CASE_OUTCOMES, CaseOutcome, CaseStatus } from '@mentoring/contracts';
import { DurationSummary, flagToFirstContactHours, flagToFirstMeetingHours, summariseDurations } from '../../cases';
import { DAY_MS } from '../../shared/time';

/** What the outcomes report reads of one case. */
export interface CaseOutcomeFacts {
  readonly program: string;
  readonly mentorId: string | null;
  readonly status: CaseStatus;
  readonly outcome: CaseOutcome | null;
  readonly flaggedAt: Date;
  readonly firstContactAt: Date | null;
  readonly firstMeetingAt: Date | null;
}

export interface MetWithin {
  readonly days: number;
  /** Cases flagged at least `days` before the report. */
  readonly cases: number;
  readonly met: number;
  readonly share: number | null;
}

export interface LoopClosure {
  readonly afterDays: number;
  /** Cases flagged at least `afterDays` before the report. */
  readonly cases: number;
  readonly closed: number;
  readonly rate: number | null;
}

export type OutcomeCounts = Record<CaseOutcome, number>;

export interface OutcomeFigures {
  readonly casesFlagged: number;
  readonly flagToFirstContact: DurationSummary;
  readonly flagToFirstMeeting: DurationSummary;
  readonly metWithin7Days: MetWithin;
  readonly metWithin14Days: MetWithin;
  readonly loopClosure: LoopClosure;
  readonly outcomes: OutcomeCounts;
  /** Closed before any attended meeting. */
  readonly endedEarly: { readonly cases: number; readonly outcomes: OutcomeCounts };
}

/** How long a case may run before an open one counts against the loop-closure rate, unless asked otherwise. */
export const DEFAULT_CLOSURE_AFTER_DAYS = 30;

/**
 * The outcome figures of a group of cases as of a moment. Shares and rates count only cases old
 * enough to have had their chance: a case flagged three days ago has not failed to meet within
 * seven, and one flagged last week is not an unclosed loop.
 */
export function outcomeFigures(cases: readonly CaseOutcomeFacts[], asOf: Date, closureAfterDays: number = DEFAULT_CLOSURE_AFTER_DAYS): OutcomeFigures {
  const closed = cases.filter((record) => record.status === 'closed' && record.outcome !== null);
  const endedEarly = closed.filter((record) => record.firstMeetingAt === null);
  return {
    casesFlagged: cases.length,
    flagToFirstContact: summariseDurations(cases.map(flagToFirstContactHours)),
    flagToFirstMeeting: summariseDurations(cases.map(flagToFirstMeetingHours)),
    metWithin7Days: metWithin(cases, asOf, 7),
    metWithin14Days: metWithin(cases, asOf, 14),
    loopClosure: loopClosure(cases, asOf, closureAfterDays),
    outcomes: countOutcomes(closed),
    endedEarly: { cases: endedEarly.length, outcomes: countOutcomes(endedEarly) },
  };
}

/** The figures of each group, groups in name order. */
export function figuresBy<K extends string>(
  cases: readonly CaseOutcomeFacts[],
  keyOf: (record: CaseOutcomeFacts) => K | null,
  asOf: Date,
  closureAfterDays?: number,
): Array<{ key: K; figures: OutcomeFigures }> {
  const groups = new Map<K, CaseOutcomeFacts[]>();
  for (const record of cases) {
    const key = keyOf(record);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.keys()].sort().map((key) => ({ key, figures: outcomeFigures(groups.get(key) ?? [], asOf, closureAfterDays) }));
}

function metWithin(cases: readonly CaseOutcomeFacts[], asOf: Date, days: number): MetWithin {
  const window = days * DAY_MS;
  const due = cases.filter((record) => asOf.getTime() - record.flaggedAt.getTime() >= window);
  const met = due.filter((record) => record.firstMeetingAt !== null && record.firstMeetingAt.getTime() - record.flaggedAt.getTime() <= window).length;
  return { days, cases: due.length, met, share: ratio(met, due.length) };
}

function loopClosure(cases: readonly CaseOutcomeFacts[], asOf: Date, afterDays: number): LoopClosure {
  const due = cases.filter((record) => asOf.getTime() - record.flaggedAt.getTime() >= afterDays * DAY_MS);
  const closed = due.filter((record) => record.status === 'closed' && record.outcome !== null).length;
  return { afterDays, cases: due.length, closed, rate: ratio(closed, due.length) };
}

function countOutcomes(cases: readonly CaseOutcomeFacts[]): OutcomeCounts {
  const counts = Object.fromEntries(CASE_OUTCOMES.map((outcome) => [outcome, 0])) as OutcomeCounts;
  for (const record of cases) if (record.outcome) counts[record.outcome] += 1;
  return counts;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
