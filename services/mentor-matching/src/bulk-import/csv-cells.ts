import type { IsoInterval, LeavePeriod, WeeklyWindow } from '../shared/time';

/** A CSV cell read as a typed value, or why it could not be. */
export type Cell<T> = { readonly value: T } | { readonly problem: string };

const WEEKDAYS: Readonly<Record<string, number>> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const LIST_SEPARATOR = /[;|]/;
const WINDOW = /^([A-Za-z]{3})[a-z]*\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$|^([1-7])\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/;

/** `MBBS;BBMS` (or `|`-separated): spreadsheets keep commas for columns. */
export function listCell(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `Mon 09:00-11:00; Wed 14:00-16:00` or with ISO weekday numbers, `1 09:00-11:00`. */
export function weeklyWindowsCell(text: string): Cell<WeeklyWindow[]> {
  const windows: WeeklyWindow[] = [];
  for (const item of listCell(text)) {
    const match = WINDOW.exec(item);
    const weekday = match && (match[1] ? WEEKDAYS[match[1].toLowerCase()] : Number(match[4]));
    if (!match || !weekday) return { problem: `"${item}" is not a weekly window such as "Mon 09:00-11:00"` };
    windows.push({ weekday, start: padClock(match[2] ?? match[5]), end: padClock(match[3] ?? match[6]) });
  }
  return { value: windows };
}

/** `2025-12-20..2026-01-04; 2026-03-01` (a single date is a day off). */
export function leaveCell(text: string): Cell<LeavePeriod[]> {
  const periods = listCell(text).map((item) => {
    const [firstDay, lastDay = firstDay] = item.split('..').map((day) => day.trim());
    return { firstDay, lastDay };
  });
  return { value: periods };
}

/** `2025-10-21T09:00:00Z/2025-10-21T11:00:00Z; ...` (ISO 8601 intervals). */
export function intervalsCell(text: string): Cell<IsoInterval[]> {
  const intervals: IsoInterval[] = [];
  for (const item of listCell(text)) {
    const [start, end, extra] = item.split('/');
    if (!start || !end || extra !== undefined) return { problem: `"${item}" is not an interval such as "2025-10-21T09:00:00Z/2025-10-21T11:00:00Z"` };
    intervals.push({ start: start.trim(), end: end.trim() });
  }
  return { value: intervals };
}

/** Blank is absent, for the row's own rules to judge. */
export function integerCell(text: string): Cell<number | undefined> {
  if (text === '') return { value: undefined };
  return /^-?\d+$/.test(text) ? { value: Number(text) } : { problem: 'must be a whole number' };
}

export function booleanCell(text: string, blank: boolean): Cell<boolean> {
  const word = text.toLowerCase();
  if (word === '') return { value: blank };
  if (['true', 'yes', 'y', '1'].includes(word)) return { value: true };
  if (['false', 'no', 'n', '0'].includes(word)) return { value: false };
  return { problem: 'must be yes or no' };
}

function padClock(clock: string): string {
  return clock.length === 4 ? `0${clock}` : clock;
}
