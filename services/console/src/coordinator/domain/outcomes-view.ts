import { CASE_OUTCOMES, CaseOutcome, DurationSummaryReply, LoopClosureReply, MetWithinReply, OutcomeFiguresReply, OutcomesReportReply } from '@mentoring/contracts';
import { stringify } from 'csv-stringify/sync';
import { humanize } from '../../web/view-helpers';
import { ofProgrammes } from './programme-scope';

/** One row of the outcomes tables, in words and figures a coordinator reads at a glance. */
export interface OutcomeRow {
  name: string;
  casesFlagged: number;
  firstContact: string;
  firstMeeting: string;
  metWithin7Days: string;
  metWithin14Days: string;
  loopClosure: string;
  endedEarly: string;
  outcomes: string;
}

export interface OutcomesPage {
  asOf: string;
  closureAfterDays: number;
  total: OutcomeRow;
  programmes: OutcomeRow[];
  mentors: Array<OutcomeRow & { mentorId: string }>;
}

/** The report as the page shows it; programmes other than the coordinator's are dropped. */
export function outcomesPage(report: OutcomesReportReply, programmes: readonly string[]): OutcomesPage {
  return {
    asOf: report.asOf,
    closureAfterDays: report.total.loopClosure.afterDays,
    total: rowOf('All cases shown', report.total),
    programmes: ofProgrammes(programmes, report.programmes).map((row) => rowOf(row.program, row)),
    mentors: report.mentors.map((row) => ({ ...rowOf(row.displayName, row), mentorId: row.mentorId })),
  };
}

function rowOf(name: string, figures: OutcomeFiguresReply): OutcomeRow {
  return {
    name,
    casesFlagged: figures.casesFlagged,
    firstContact: durationInWords(figures.flagToFirstContact),
    firstMeeting: durationInWords(figures.flagToFirstMeeting),
    metWithin7Days: shareInWords(figures.metWithin7Days.met, figures.metWithin7Days.cases, figures.metWithin7Days.share),
    metWithin14Days: shareInWords(figures.metWithin14Days.met, figures.metWithin14Days.cases, figures.metWithin14Days.share),
    loopClosure: shareInWords(figures.loopClosure.closed, figures.loopClosure.cases, figures.loopClosure.rate),
    endedEarly: countsInWords(figures.endedEarly.cases, figures.endedEarly.outcomes),
    outcomes: countsInWords(null, figures.outcomes),
  };
}

/** "median 5 h, p90 2.5 days (12 cases)", or a dash when nothing was measured. */
export function durationInWords(summary: DurationSummaryReply): string {
  if (summary.count === 0 || summary.medianHours === null || summary.p90Hours === null) return '—';
  return `median ${hoursInWords(summary.medianHours)}, p90 ${hoursInWords(summary.p90Hours)} (${summary.count} ${summary.count === 1 ? 'case' : 'cases'})`;
}

/** Under two days in hours, beyond that in days, one decimal at most. */
export function hoursInWords(hours: number): string {
  if (hours < 48) return `${oneDecimal(hours)} h`;
  return `${oneDecimal(hours / 24)} days`;
}

/** "2 of 3 (67%)"; a dash when no case counts yet. */
export function shareInWords(part: number, whole: number, share: number | null): string {
  if (share === null || whole === 0) return '—';
  return `${part} of ${whole} (${Math.round(share * 100)}%)`;
}

function countsInWords(total: number | null, counts: Readonly<Record<CaseOutcome, number>>): string {
  const parts = CASE_OUTCOMES.filter((outcome) => counts[outcome] > 0).map((outcome) => `${humanize(outcome).toLowerCase()} ${counts[outcome]}`);
  if (total === null) return parts.length ? parts.join(', ') : '—';
  return total === 0 ? '0' : `${total}: ${parts.join(', ')}`;
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

const CSV_COLUMNS = [
  'group',
  'programme',
  'mentor_id',
  'mentor_name',
  'cases_flagged',
  'first_contact_cases',
  'first_contact_median_hours',
  'first_contact_p90_hours',
  'first_meeting_cases',
  'first_meeting_median_hours',
  'first_meeting_p90_hours',
  'met_within_7_days_cases',
  'met_within_7_days_met',
  'met_within_7_days_share',
  'met_within_14_days_cases',
  'met_within_14_days_met',
  'met_within_14_days_share',
  'loop_closure_after_days',
  'loop_closure_cases',
  'loop_closure_closed',
  'loop_closure_rate',
  ...CASE_OUTCOMES.map((outcome) => `outcome_${outcome.replace(/-/g, '_')}`),
  'ended_early_cases',
  ...CASE_OUTCOMES.map((outcome) => `ended_early_${outcome.replace(/-/g, '_')}`),
];

/**
 * The report as CSV, one line per group (all, each programme, each mentor), figures unrounded but
 * for hours (2 decimals) and shares (4). Cells a spreadsheet would run as a formula (a mentor's name
 * starting with "=") are escaped.
 */
export function outcomesCsv(report: OutcomesReportReply, programmes: readonly string[]): string {
  const rows = [
    ['all', '', '', '', ...figureCells(report.total)],
    ...ofProgrammes(programmes, report.programmes).map((row) => ['programme', row.program, '', '', ...figureCells(row)]),
    ...report.mentors.map((row) => ['mentor', '', row.mentorId, row.displayName, ...figureCells(row)]),
  ];
  return stringify(rows, { header: true, columns: CSV_COLUMNS, escape_formulas: true, record_delimiter: 'windows' });
}

function figureCells(figures: OutcomeFiguresReply): Array<string | number> {
  return [
    figures.casesFlagged,
    ...durationCells(figures.flagToFirstContact),
    ...durationCells(figures.flagToFirstMeeting),
    ...metWithinCells(figures.metWithin7Days),
    ...metWithinCells(figures.metWithin14Days),
    ...loopClosureCells(figures.loopClosure),
    ...CASE_OUTCOMES.map((outcome) => figures.outcomes[outcome]),
    figures.endedEarly.cases,
    ...CASE_OUTCOMES.map((outcome) => figures.endedEarly.outcomes[outcome]),
  ];
}

function durationCells(summary: DurationSummaryReply): Array<string | number> {
  return [summary.count, rounded(summary.medianHours, 2), rounded(summary.p90Hours, 2)];
}

function metWithinCells(within: MetWithinReply): Array<string | number> {
  return [within.cases, within.met, rounded(within.share, 4)];
}

function loopClosureCells(closure: LoopClosureReply): Array<string | number> {
  return [closure.afterDays, closure.cases, closure.closed, rounded(closure.rate, 4)];
}

function rounded(value: number | null, decimals: number): string | number {
  return value === null ? '' : Number(value.toFixed(decimals));
}
