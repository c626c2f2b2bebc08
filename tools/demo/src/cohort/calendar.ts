export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of an ISO date (YYYY-MM-DD), refusing anything else. */
export function parseIsoDate(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (!ISO_DATE.test(date) || Number.isNaN(time)) throw new RangeError(`"${date}" is not an ISO date (YYYY-MM-DD)`);
  return time;
}

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function isoDateTime(time: number): string {
  return new Date(time).toISOString();
}

/** HH:mm for a number of minutes after midnight. */
export function clockTime(minutesOfDay: number): string {
  const hours = Math.floor(minutesOfDay / 60);
  const minutes = minutesOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of a UTC instant. */
export function isoWeekdayUtc(time: number): number {
  return ((new Date(time).getUTCDay() + 6) % 7) + 1;
}
