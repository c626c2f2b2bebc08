import { IANAZone } from 'luxon';
import { DAY_MS, MINUTE_MS } from './utc-interval';

/*
 * "Wall time" here is a local date and time written as if it were UTC epoch milliseconds, so
 * calendar arithmetic (add a day, find the weekday) is plain arithmetic with no offsets involved.
 */

/** Whether a name is an IANA zone; cached, as the check builds an Intl formatter. */
export function isKnownTimeZone(timeZone: string): boolean {
  return IANAZone.create(timeZone).isValid;
}

export function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`"${timeZone}" is not an IANA time zone`);
  return zone;
}

/**
 * The instant a wall time refers to, following RFC 5545 (as calendar software does): a time that
 * occurs twice when clocks go back means the first occurrence; a time skipped when clocks go
 * forward is read with the offset from before the change (02:30 becomes 03:30).
 */
export function wallTimeToInstant(zone: IANAZone, wallTime: number): number {
  const offsetBefore = zone.offset(wallTime - DAY_MS);
  const offsetAfter = zone.offset(wallTime + DAY_MS);
  // No change of offset within a day either side (nearly always): the one reading is the answer.
  if (offsetBefore === offsetAfter) return wallTime - offsetBefore * MINUTE_MS;
  const readings = [offsetBefore, offsetAfter]
    .map((offset) => ({ offset, instant: wallTime - offset * MINUTE_MS }))
    .filter(({ offset, instant }) => zone.offset(instant) === offset)
    .map(({ instant }) => instant);
  return readings.length > 0 ? Math.min(...readings) : wallTime - offsetBefore * MINUTE_MS;
}

export function instantToWallTime(zone: IANAZone, instant: number): number {
  return instant + zone.offset(instant) * MINUTE_MS;
}

/** Midnight starting the wall-time day that contains `wallTime`. */
export function startOfWallDay(wallTime: number): number {
  return wallTime - (((wallTime % DAY_MS) + DAY_MS) % DAY_MS);
}

/** ISO weekday of a wall-time day: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(wallTime: number): number {
  return new Date(wallTime).getUTCDay() || 7;
}

/** YYYY-MM-DD of a wall time. */
export function isoDate(wallTime: number): string {
  return new Date(wallTime).toISOString().slice(0, 10);
}

/** Midnight of an ISO date (YYYY-MM-DD) as wall time; throws on anything else. */
export function parseIsoDate(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const wallTime = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(wallTime) || isoDate(wallTime) !== value) throw new RangeError(`"${value}" is not an ISO date`);
  return wallTime;
}
