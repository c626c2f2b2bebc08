import { Injectable } from '@nestjs/common';
import type { RiskLevel } from '@mentoring/contracts';
import { DataSource } from 'typeorm';

/** How many students of one programme and year stand at each level. */
export interface FlagRateRow {
  program: string;
  yearOfStudy: number;
  students: number;
  levels: Record<RiskLevel, number>;
  /** Share of students flagged at any level (watch, at-risk, urgent). */
  flagRate: number;
  /** Share of students at at-risk or urgent. */
  supportRate: number;
}

interface CountsRow {
  program: string;
  year_of_study: number;
  students: number;
  watch: number;
  at_risk: number;
  urgent: number;
}

/**
 * Flag rates by programme and year of study, so a coordinator can see whether some groups are
 * flagged far more often than others. Computed from current standings only: no protected
 * attribute is stored here, so none can be an input.
 */
@Injectable()
export class FlagRatesReport {
  constructor(private readonly dataSource: DataSource) {}

  async byProgramAndYear(): Promise<FlagRateRow[]> {
    const rows: CountsRow[] = await this.dataSource.query(
      `SELECT s.program, s.year_of_study,
              count(*)::int AS students,
              count(*) FILTER (WHERE st.level = 'watch')::int AS watch,
              count(*) FILTER (WHERE st.level = 'at-risk')::int AS at_risk,
              count(*) FILTER (WHERE st.level = 'urgent')::int AS urgent
       FROM students s LEFT JOIN standings st ON st.student_id = s.student_id
       GROUP BY s.program, s.year_of_study
       ORDER BY s.program, s.year_of_study`,
    );
    return rows.map(toFlagRateRow);
  }
}

function toFlagRateRow(row: CountsRow): FlagRateRow {
  const flagged = row.watch + row.at_risk + row.urgent;
  return {
    program: row.program,
    yearOfStudy: row.year_of_study,
    students: row.students,
    levels: { ok: row.students - flagged, watch: row.watch, 'at-risk': row.at_risk, urgent: row.urgent },
    flagRate: shareOf(flagged, row.students),
    supportRate: shareOf(row.at_risk + row.urgent, row.students),
  };
}

function shareOf(count: number, total: number): number {
  return Math.round((count / total) * 10_000) / 10_000;
}
