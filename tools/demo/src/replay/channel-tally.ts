import type { GradesReceiptReply, ImportReportReply } from '@mentoring/contracts';
import type { Sample } from '@mentoring/observability';
import type { FeedChannel } from '../cohort';

export const GRADE_OUTCOMES = ['accepted', 'amended', 'duplicate', 'rejected'] as const;
export type GradeOutcome = (typeof GRADE_OUTCOMES)[number];

/** What became of the records one channel sent, as grade-ingest reported it. */
export interface ChannelTally {
  sent: number;
  outcomes: Record<GradeOutcome, number>;
  /** Field (or column) -> rejected records that named it. */
  rejectedFields: Record<string, number>;
}

export type ChannelTallies = Record<FeedChannel, ChannelTally>;

/** What the tally reads of POST /v1/grades's answer. */
export type GradesReceipt = Pick<GradesReceiptReply, 'summary' | 'results'>;

/** What the tally reads of GET /v1/imports/:id: the counts and the page of rejected rows. */
export type ImportReportCounts = Pick<ImportReportReply, GradeOutcome | 'rejections'>;

export function emptyTally(): ChannelTally {
  return { sent: 0, outcomes: { accepted: 0, amended: 0, duplicate: 0, rejected: 0 }, rejectedFields: {} };
}

export function emptyTallies(): ChannelTallies {
  return { rest: emptyTally(), kafka: emptyTally(), oneroster: emptyTally() };
}

/** Adds one REST batch: its records and grade-ingest's per-record answer. */
export function addReceipt(tally: ChannelTally, sent: number, receipt: GradesReceipt): ChannelTally {
  return {
    sent: tally.sent + sent,
    outcomes: addOutcomes(tally.outcomes, receipt.summary),
    rejectedFields: countFields(tally.rejectedFields, receipt.results.map((result) => (result.problems ?? []).map((problem) => problem.field))),
  };
}

/** A OneRoster import's tally from its report (the report counts every row; fields come from the page of rejections read). */
export function importTally(sent: number, report: ImportReportCounts): ChannelTally {
  return {
    sent,
    outcomes: addOutcomes(emptyTally().outcomes, report),
    rejectedFields: countFields({}, report.rejections.items.map((item) => item.problems.map((problem) => problem.column))),
  };
}

/**
 * The Kafka channel's outcomes: a topic gives the sender no answer, so they come from
 * grade-ingest's `grade_ingest_grades_total{channel="kafka"}` since `baseline` (a refusal counts
 * once, when its dead letter is stored).
 */
export function kafkaOutcomes(baseline: readonly Sample[], current: readonly Sample[]): Record<GradeOutcome, number> {
  const counted = (samples: readonly Sample[], outcome: GradeOutcome) =>
    samples
      .filter((sample) => sample.name === 'grade_ingest_grades_total' && sample.labels.channel === 'kafka' && sample.labels.outcome === outcome)
      .reduce((total, sample) => total + sample.value, 0);
  const recorded = (outcome: GradeOutcome) => counted(current, outcome) - counted(baseline, outcome);
  return { accepted: recorded('accepted'), amended: recorded('amended'), duplicate: recorded('duplicate'), rejected: recorded('rejected') };
}

/**
 * The fields a dead-lettered submission was refused for. The dead letter keeps the problems only in
 * its message, which lists them as `field: problem; field: problem` after the reason.
 */
export function fieldsOfDeadLetterMessage(message: string): string[] {
  const listed = message.slice(message.indexOf(': ') + 2);
  return listed.split('; ').flatMap((problem) => {
    const separator = problem.indexOf(': ');
    return separator > 0 ? [problem.slice(0, separator)] : [];
  });
}

/** Adds the rejected-field counts of refused records, each record counting once per field it names. */
export function countFields(counts: Readonly<Record<string, number>>, fieldsPerRecord: readonly (readonly string[])[]): Record<string, number> {
  const next = { ...counts };
  for (const fields of fieldsPerRecord) for (const field of new Set(fields)) next[field] = (next[field] ?? 0) + 1;
  return next;
}

/** Records a channel has had an answer for: every record ends in exactly one outcome. */
export function answered(tally: ChannelTally): number {
  return GRADE_OUTCOMES.reduce((total, outcome) => total + tally.outcomes[outcome], 0);
}

function addOutcomes(base: Record<GradeOutcome, number>, more: Record<GradeOutcome, number>): Record<GradeOutcome, number> {
  return Object.fromEntries(GRADE_OUTCOMES.map((outcome) => [outcome, base[outcome] + (more[outcome] ?? 0)])) as Record<GradeOutcome, number>;
}
