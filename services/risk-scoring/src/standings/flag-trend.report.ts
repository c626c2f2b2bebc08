import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

interface TrendCountsRow {
  program: string;
  week: string;
  week_starting: string;
  flagged: number;
  back_to_ok: number;
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
    const rows: TrendCountsRow[] = await this.dataSource.query(
      `WITH weeks AS (
         SELECT generate_series(date_trunc('week', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 week',
                                date_trunc('week', now() AT TIME ZONE 'UTC'),
                                interval '1 week') AS week_start
       ),
       programmes AS (
         SELECT DISTINCT program FROM students WHERE $2::text IS NULL OR program = $2
       ),
       moves AS (
         SELECT s.program, c.student_id,
                date_trunc('week', c.assessed_at AT TIME ZONE 'UTC') AS week_start,
                c.previous_level = 'ok' AND c.level <> 'ok' AS flagged,
                c.previous_level <> 'ok' AND c.level = 'ok' AS back_to_ok
         FROM standing_changes c JOIN students s ON s.student_id = c.student_id
         WHERE c.assessed_at >= (SELECT min(week_start) FROM weeks) AT TIME ZONE 'UTC'
           AND ($2::text IS NULL OR s.program = $2)
       )
       SELECT p.program,
              to_char(w.week_start, 'IYYY-"W"IW') AS week,
              to_char(w.week_start, 'YYYY-MM-DD') AS week_starting,
              count(DISTINCT m.student_id) FILTER (WHERE m.flagged)::int AS flagged,
              count(DISTINCT m.student_id) FILTER (WHERE m.back_to_ok)::int AS back_to_ok
       FROM programmes p CROSS JOIN weeks w
       LEFT JOIN moves m ON m.program = p.program AND m.week_start = w.week_start
       GROUP BY p.program, w.week_start
       ORDER BY p.program, w.week_start`,
      [query.weeks, query.program ?? null],
    );
    return rows.map((row) => ({ program: row.program, week: row.week, weekStarting: row.week_starting, flagged: row.flagged, backToOk: row.back_to_ok }));
  }
}
