import type { FieldProblem } from '@mentoring/contracts';
import type { LeavePeriodReply, WeeklyWindowReply } from '@mentoring/contracts';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** One row of the availability form: a weekday (ISO, 1 = Monday) and its windows as "09:00-11:00, 14:00-16:00". */
export interface WeeklyGridRow {
  weekday: number;
  dayName: string;
  windows: string;
}

const WINDOW = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/;

/** The week as seven editable rows, each day's windows in time order. */
export function weeklyGridRows(windows: readonly WeeklyWindowReply[]): WeeklyGridRow[] {
  return WEEKDAY_NAMES.map((dayName, index) => {
    const weekday = index + 1;
    const ofDay = windows.filter((window) => window.weekday === weekday).sort((a, b) => a.start.localeCompare(b.start));
    return { weekday, dayName, windows: ofDay.map((window) => `${window.start}-${window.end}`).join(', ') };
  });
}

export interface ParsedWeek {
  windows: WeeklyWindowReply[];
  problems: FieldProblem[];
}

/**
 * The seven rows of the form (keyed by day name: numeric keys would be turned into a compacted
 * array by the form parser) back into weekly windows. Only the shape is checked here; whether
 * the times exist and do not overlap is mentor-matching's to say, with its own field names.
 */
export function parseWeeklyGrid(days: Readonly<Record<string, unknown>>): ParsedWeek {
  const windows: WeeklyWindowReply[] = [];
  const problems: FieldProblem[] = [];
  WEEKDAY_NAMES.forEach((dayName, index) => {
    const text = typeof days[dayName] === 'string' ? (days[dayName] as string) : '';
    for (const part of text.split(/[,;]/).map((piece) => piece.trim()).filter(Boolean)) {
      const match = WINDOW.exec(part);
      if (match) windows.push({ weekday: index + 1, start: match[1], end: match[2] });
      else problems.push({ field: dayName, problem: `"${part}" is not a time range such as 09:00-11:30` });
    }
  });
  return { windows, problems };
}

export interface LeaveRow {
  firstDay?: unknown;
  lastDay?: unknown;
  remove?: unknown;
}

/** Leave periods kept from the form: rows marked for removal and empty rows are dropped. */
export function leaveFromRows(rows: readonly LeaveRow[]): LeavePeriodReply[] {
  return rows
    .filter((row) => row.remove === undefined && (isFilled(row.firstDay) || isFilled(row.lastDay)))
    .map((row) => ({ firstDay: textOf(row.firstDay), lastDay: textOf(row.lastDay) || textOf(row.firstDay) }));
}

function isFilled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
