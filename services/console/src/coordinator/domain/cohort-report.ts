const LEVELS = ['ok', 'watch', 'at-risk', 'urgent'] as const;
type Level = (typeof LEVELS)[number];

/** One row of GET /v1/reports/flag-rates: a programme's year of study. */
export interface FlagRateRow {
  program: string;
  yearOfStudy: number;
  students: number;
  levels: Record<Level, number>;
  flagRate: number;
  supportRate: number;
}

export interface ProgrammeStandings {
  program: string;
  years: FlagRateRow[];
  total: FlagRateRow;
}

/** The flag-rates rows grouped by programme, each with a total over its years. */
export function standingsByProgramme(rows: readonly FlagRateRow[]): ProgrammeStandings[] {
  const programmes = [...new Set(rows.map((row) => row.program))].sort();
  return programmes.map((program) => {
    const years = rows.filter((row) => row.program === program).sort((a, b) => a.yearOfStudy - b.yearOfStudy);
    return { program, years, total: totalOf(program, years) };
  });
}

function totalOf(program: string, years: readonly FlagRateRow[]): FlagRateRow {
  const levels = Object.fromEntries(LEVELS.map((level) => [level, years.reduce((sum, row) => sum + row.levels[level], 0)])) as Record<Level, number>;
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
