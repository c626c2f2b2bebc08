import { DateTime } from 'luxon';
import { OutreachError } from './outreach-errors';

/** Wall-clock times ("22:00", "07:30") in the recipient's zone; a window may wrap past midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export interface QuietHoursPreference {
  timeZone: string;
  quietHours: QuietHours | null;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function atClock(day: DateTime, clock: string): DateTime {
  const match = CLOCK.exec(clock);
  if (!match) throw new OutreachError('invalid-preferences', `Quiet hours need HH:mm times, got "${clock}"`);
  return day.set({ hour: Number(match[1]), minute: Number(match[2]), second: 0, millisecond: 0 });
}

function localNow(now: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new OutreachError('invalid-preferences', `Unknown time zone "${timeZone}"`);
  return local;
}

/**
 * When an email may reach the recipient: now, or the end of their quiet hours in their own time
 * zone. Equal start and end mean no quiet hours.
 */
export function deliverAt(now: Date, preference: QuietHoursPreference): Date {
  if (!preference.quietHours) return now;
  const local = localNow(now, preference.timeZone);
  const start = atClock(local, preference.quietHours.start);
  const end = atClock(local, preference.quietHours.end);
  if (+start === +end) return now;
  if (start < end) return local >= start && local < end ? end.toJSDate() : now;
  // The window wraps midnight: late evening waits for tomorrow's end, early morning for today's.
  if (local >= start) return end.plus({ days: 1 }).toJSDate();
  return local < end ? end.toJSDate() : now;
}
