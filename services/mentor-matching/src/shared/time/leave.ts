import { DAY_MS, UtcInterval } from './utc-interval';
import { parseIsoDate, wallTimeToInstant, zoneOf } from './zoned-time';

/** Whole days away, inclusive, as ISO dates (YYYY-MM-DD) on the mentor's own calendar. */
export interface LeavePeriod {
  readonly firstDay: string;
  readonly lastDay: string;
}

export function leaveIntervals(leave: readonly LeavePeriod[], timeZone: string): UtcInterval[] {
  const zone = zoneOf(timeZone);
  return leave.map((period) => {
    const firstDay = parseIsoDate(period.firstDay);
    const lastDay = parseIsoDate(period.lastDay);
    if (lastDay < firstDay) throw new RangeError(`Leave ends before it starts: ${period.firstDay} .. ${period.lastDay}`);
    return { start: wallTimeToInstant(zone, firstDay), end: wallTimeToInstant(zone, lastDay + DAY_MS) };
  });
}

export function isOnLeave(mentor: { readonly leave: readonly LeavePeriod[]; readonly timeZone: string }, now: Date): boolean {
  const instant = now.getTime();
  return leaveIntervals(mentor.leave, mentor.timeZone).some((period) => period.start <= instant && instant < period.end);
}
