import { IANAZone } from 'luxon';
import { clipIntervals, DAY_MS, mergeIntervals, MINUTE_MS, UtcInterval } from './utc-interval';
import { instantToWallTime, isKnownTimeZone, isoWeekday, startOfWallDay, wallTimeToInstant, zoneOf } from './zoned-time';

/**
 * A recurring weekly window in a person's own wall-clock time. `weekday` is ISO (1 = Monday,
 * 7 = Sunday). `end` may be '24:00'; an `end` before `start` runs past midnight into the next day.
 */
export interface WeeklyWindow {
  readonly weekday: number;
  readonly start: string;
  readonly end: string;
}

export interface ScheduleProblem {
  /** Index of the offending window, or null when the problem is the time zone. */
  readonly index: number | null;
  readonly field: 'timeZone' | 'weekday' | 'start' | 'end';
  readonly message: string;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END_OF_DAY = '24:00';
const MINUTES_PER_DAY = 24 * 60;

/** Every problem in a schedule at once, for field-level validation errors and import reports. */
export function weeklyScheduleProblems(windows: readonly WeeklyWindow[], timeZone: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!isKnownTimeZone(timeZone)) {
    problems.push({ index: null, field: 'timeZone', message: `"${timeZone}" is not an IANA time zone` });
  }
  windows.forEach((window, index) => problems.push(...windowProblems(window, index)));
  return problems;
}

function windowProblems(window: WeeklyWindow, index: number): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7) {
    problems.push({ index, field: 'weekday', message: 'weekday must be 1 (Monday) to 7 (Sunday)' });
  }
  if (!CLOCK_TIME.test(window.start)) {
    problems.push({ index, field: 'start', message: 'start must be HH:mm' });
  }
  if (!CLOCK_TIME.test(window.end) && window.end !== END_OF_DAY) {
    problems.push({ index, field: 'end', message: 'end must be HH:mm or 24:00' });
  } else if (window.end === window.start) {
    problems.push({ index, field: 'end', message: 'end must differ from start' });
  }
  return problems;
}

/**
 * The concrete UTC intervals of weekly windows within `range`. Each occurrence is placed on the
 * local calendar, so a 09:00 window stays at 09:00 local time on both sides of a DST change (see
 * wallTimeToInstant for times that are skipped or repeated).
 */
export function expandWeeklyWindows(
  windows: readonly WeeklyWindow[],
  timeZone: string,
  range: UtcInterval,
): UtcInterval[] {
  assertSchedule(windows, timeZone);
  if (range.end <= range.start || windows.length === 0) return [];
  const zone = zoneOf(timeZone);
  // Start a day early: yesterday's overnight window can still reach into the range.
  const firstDay = startOfWallDay(instantToWallTime(zone, range.start)) - DAY_MS;
  const lastDay = startOfWallDay(instantToWallTime(zone, range.end));
  const occurrences: UtcInterval[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    for (const window of windows) {
      if (window.weekday === isoWeekday(day)) occurrences.push(occurrenceOn(day, window, zone));
    }
  }
  return clipIntervals(mergeIntervals(occurrences), range);
}

function assertSchedule(windows: readonly WeeklyWindow[], timeZone: string): void {
  const problems = weeklyScheduleProblems(windows, timeZone);
  if (problems.length > 0) {
    throw new RangeError(`Invalid weekly schedule: ${problems.map((problem) => problem.message).join('; ')}`);
  }
}

function occurrenceOn(day: number, window: WeeklyWindow, zone: IANAZone): UtcInterval {
  const startMinutes = minutesOfDay(window.start);
  const endMinutes = minutesOfDay(window.end);
  const endsNextDay = endMinutes <= startMinutes || endMinutes === MINUTES_PER_DAY;
  const endDay = endsNextDay ? day + DAY_MS : day;
  return {
    start: wallTimeToInstant(zone, day + startMinutes * MINUTE_MS),
    end: wallTimeToInstant(zone, endDay + (endMinutes % MINUTES_PER_DAY) * MINUTE_MS),
  };
}

function minutesOfDay(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}
