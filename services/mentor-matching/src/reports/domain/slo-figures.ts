import { CaseStatus } from '@mentoring/contracts';
import { summariseDurations } from '../../cases';
import { HOUR_MS } from '../../shared/time';

/** What the SLO figures read of one case flagged in the window. */
export interface CaseSloFacts {
  readonly status: CaseStatus;
  readonly flaggedAt: Date;
  readonly firstContactAt: Date | null;
  readonly firstMeetingAt: Date | null;
}

/** One mentor's answers to offers: how many, and the share left to expire. */
export interface OfferAnswers {
  readonly offers: number;
  readonly expiryRate: number;
}

/** Median and 90th percentile, in seconds; null when no case counts. */
export interface SloQuantiles {
  readonly p50: number | null;
  readonly p90: number | null;
}

export interface SloFigures {
  readonly flagToFirstContact: SloQuantiles;
  readonly flagToFirstMeeting: SloQuantiles;
  /** 0 when no case waits. */
  readonly oldestWaitlistedSeconds: number;
  /** Null when no offer has been answered or has expired in the window. */
  readonly offersAnsweredWithinSla: number | null;
}

/**
 * The promises as figures at `now`. A case still waiting for its first contact (or meeting)
 * counts with the time it has waited so far, so a stalled pipeline pushes the percentiles up
 * instead of hiding behind the cases that were reached; a case closed before it was reached no
 * longer waits and does not count. An offer answered (accepted or declined) was answered within
 * the SLA, since an offer nobody answers expires at the SLA's end and moves on.
 */
export function sloFigures(input: {
  readonly cases: readonly CaseSloFacts[];
  readonly waitlistedFlaggedAt: readonly Date[];
  readonly offerAnswers: readonly OfferAnswers[];
  readonly now: Date;
}): SloFigures {
  const { cases, now } = input;
  const waited = (reachedAt: Date | null, status: CaseStatus, flaggedAt: Date) => {
    const until = reachedAt ?? (status === 'closed' ? null : now);
    return until ? Math.max(0, until.getTime() - flaggedAt.getTime()) / HOUR_MS : null;
  };
  const quantiles = (hours: readonly (number | null)[]): SloQuantiles => {
    const summary = summariseDurations(hours);
    return { p50: inSeconds(summary.medianHours), p90: inSeconds(summary.p90Hours) };
  };
  const offers = input.offerAnswers.reduce((sum, mentor) => sum + mentor.offers, 0);
  const answered = input.offerAnswers.reduce((sum, mentor) => sum + mentor.offers * (1 - mentor.expiryRate), 0);
  return {
    flagToFirstContact: quantiles(cases.map((c) => waited(c.firstContactAt, c.status, c.flaggedAt))),
    flagToFirstMeeting: quantiles(cases.map((c) => waited(c.firstMeetingAt, c.status, c.flaggedAt))),
    oldestWaitlistedSeconds: Math.max(0, ...input.waitlistedFlaggedAt.map((flaggedAt) => (now.getTime() - flaggedAt.getTime()) / 1000)),
    offersAnsweredWithinSla: offers === 0 ? null : answered / offers,
  };
}

function inSeconds(hours: number | null): number | null {
  return hours === null ? null : hours * 3_600;
}
