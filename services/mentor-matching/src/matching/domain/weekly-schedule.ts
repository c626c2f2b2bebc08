import { DateTime, IANAZone } from 'luxon';
import { mergeIntervals, clipIntervals, UtcInterval } from './utc-interval';

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
  if (!IANAZone.isValidZone(timeZone)) {
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
 * local calendar, so a 09:00 window stays at 09:00 local time on both sides of a DST change; a
 * window that starts in a spring-forward gap begins when the clocks resume.
 */
export function expandWeeklyWindows(
  windows: readonly WeeklyWindow[],
  timeZone: string,
  range: UtcInterval,
): UtcInterval[] {
  assertSchedule(windows, timeZone);
  if (range.end <= range.start || windows.length === 0) return [];
  // Start a day early: yesterday's overnight window can still reach into the range.
  const firstDay = DateTime.fromMillis(range.start, { zone: timeZone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromMillis(range.end, { zone: timeZone }).startOf('day');
  const occurrences: UtcInterval[] = [];
  for (let day = firstDay; day <= lastDay; day = day.plus({ days: 1 })) {
    for (const window of windows) {
      if (window.weekday === day.weekday) occurrences.push(occurrenceOn(day, window, timeZone));
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

function occurrenceOn(day: DateTime, window: WeeklyWindow, timeZone: string): UtcInterval {
  const startMinutes = minutesOfDay(window.start);
  const endMinutes = minutesOfDay(window.end);
  const endsNextDay = endMinutes <= startMinutes || endMinutes === MINUTES_PER_DAY;
  return {
    start: localTime(day, startMinutes, timeZone),
    end: localTime(endsNextDay ? day.plus({ days: 1 }) : day, endMinutes % MINUTES_PER_DAY, timeZone),
  };
}

function minutesOfDay(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

function localTime(day: DateTime, minutes: number, timeZone: string): number {
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: timeZone },
  ).toMillis();
}
