import { DateTime } from 'luxon';

/** The next moment the recipient's clock shows `time` ("08:00"), strictly after `now`. */
export function nextDailyDigestAt(now: Date, timeZone: string, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const today = local.set({ hour, minute, second: 0, millisecond: 0 });
  return (today > local ? today : today.plus({ days: 1 })).toJSDate();
}
