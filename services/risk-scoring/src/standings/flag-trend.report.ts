import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countFlagTrend } from './infrastructure/standings.store';

/** One programme's standing changes during one ISO week. */
export interface FlagTrendRow {
  program: string;
  /** ISO week, e.g. `2026-W47`. */
  week: string;
  /** The week's Monday (UTC), e.g. `2026-11-16`. */
  weekStarting: string;
  /** Students whose standing went from ok to watch, at-risk or urgent. */
  flagged: number;
  /** Students whose standing went from watch, at-risk or urgent back to ok. */
  backToOk: number;
}

/**
 * Students flagged and back to ok per ISO week (UTC) and programme, from the announced changes in
 * `standing_changes`, each in the week it was announced (a late grade counts when it flagged the
 * student, not when it was graded). A student counts once per week and direction however often they moved, and
 * a move between flagged levels (watch to urgent) is neither. Every week of the window has a row,
 * so a quiet week reads as zero rather than as a gap.
 */
@Injectable()
export class FlagTrendReport {
  constructor(private readonly dataSource: DataSource) {}

  async byProgramAndWeek(query: { program?: string; weeks: number }): Promise<FlagTrendRow[]> {
    const rows = await countFlagTrend(this.dataSource.manager, query);
    return rows.map((row) => ({ program: row.program, week: row.week, weekStarting: row.week_starting, flagged: row.flagged, backToOk: row.back_to_ok }));
  }
}
