import { FlagRateRowReply, FlagTrendRowReply, RISK_LEVELS, RiskLevel } from '@mentoring/contracts';
import { DateTime } from 'luxon';

export interface ProgrammeStandings {
  program: string;
  years: FlagRateRowReply[];
  total: FlagRateRowReply;
}

/** The flag-rates rows grouped by programme, each with a total over its years. */
export function standingsByProgramme(rows: readonly FlagRateRowReply[]): ProgrammeStandings[] {
  const programmes = [...new Set(rows.map((row) => row.program))].sort();
  return programmes.map((program) => {
    const years = rows.filter((row) => row.program === program).sort((a, b) => a.yearOfStudy - b.yearOfStudy);
    return { program, years, total: totalOf(program, years) };
  });
}

function totalOf(program: string, years: readonly FlagRateRowReply[]): FlagRateRowReply {
  const levels = Object.fromEntries(RISK_LEVELS.map((level) => [level, years.reduce((sum, row) => sum + row.levels[level], 0)])) as Record<RiskLevel, number>;
  const students = years.reduce((sum, row) => sum + row.students, 0);
  const share = (count: number) => (students === 0 ? 0 : count / students);
  return {
    program,
    yearOfStudy: 0,
    students,
    levels,
    flagRate: share(levels.watch + levels['at-risk'] + levels.urgent),
    supportRate: share(levels['at-risk'] + levels.urgent),
  };
}

export interface TrendWeek {
  label: string;
  flagged: number;
  backToOk: number;
}

export interface ProgrammeCohort extends ProgrammeStandings {
  /** Oldest week first, ending with the current one. */
  trend: TrendWeek[];
}

/** Each programme's standings by year, with its weekly flag trend beside them. */
export function cohortByProgramme(standings: readonly FlagRateRowReply[], trend: readonly FlagTrendRowReply[]): ProgrammeCohort[] {
  return standingsByProgramme(standings).map((programme) => ({ ...programme, trend: trendWeeksOf(trend.filter((row) => row.program === programme.program)) }));
}

function trendWeeksOf(rows: readonly FlagTrendRowReply[]): TrendWeek[] {
  const chronological = [...rows].sort((a, b) => a.weekStarting.localeCompare(b.weekStarting));
  // The report always ends with the current week, which is not over: its counts can still grow.
  return chronological.map((row, index) => ({
    label: weekLabel(row.weekStarting, index === chronological.length - 1),
    flagged: row.flagged,
    backToOk: row.backToOk,
  }));
}

/** "Week 47, from 16 Nov 2026", or "Week 48, from 23 Nov 2026 (so far)" for the current week. */
export function weekLabel(weekStarting: string, current: boolean): string {
  const monday = DateTime.fromISO(weekStarting, { zone: 'utc' });
  const label = `Week ${monday.weekNumber}, from ${monday.toFormat('d LLL yyyy')}`;
  return current ? `${label} (so far)` : label;
}
