import { Injectable } from '@nestjs/common';
import type { RiskLevel } from '@mentoring/contracts';
import { DataSource } from 'typeorm';
import { countLevelsByProgramAndYear, LevelCountsRow } from './infrastructure/standings.store';

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

/**
 * Flag rates by programme and year of study, so a coordinator can see whether some groups are
 * flagged far more often than others. Computed from current standings only: no protected
 * attribute is stored here, so none can be an input.
 */
@Injectable()
export class FlagRatesReport {
  constructor(private readonly dataSource: DataSource) {}

  async byProgramAndYear(): Promise<FlagRateRow[]> {
    const rows = await countLevelsByProgramAndYear(this.dataSource.manager);
    return rows.map(toFlagRateRow);
  }
}

function toFlagRateRow(row: LevelCountsRow): FlagRateRow {
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
