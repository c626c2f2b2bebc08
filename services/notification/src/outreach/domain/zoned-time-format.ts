import { DateTime } from 'luxon';
import type { MeetingTime, ZonedMoment } from './template-variables';

function inZone(iso: string, timeZone: string, locale: string): DateTime {
  const moment = DateTime.fromISO(iso, { zone: timeZone, locale });
  if (!moment.isValid) {
    throw new RangeError(`Cannot show ${iso} in time zone ${timeZone}: ${moment.invalidExplanation ?? moment.invalidReason}`);
  }
  return moment;
}

function dayOf(moment: DateTime): string {
  return moment.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
}

function timeOf(moment: DateTime): string {
  return moment.toLocaleString(DateTime.TIME_SIMPLE);
}

/**
 * "Tuesday 14 October, 10:00–10:30 (GMT+4)" in the recipient's zone and locale. Words, not
 * numeric dates, so a day and a month can never read like a mark ("14/10").
 */
export function formatMeetingTime(meeting: MeetingTime, locale: string): string {
  const start = inZone(meeting.start, meeting.timeZone, locale);
  const end = inZone(meeting.end, meeting.timeZone, locale);
  return `${dayOf(start)}, ${timeOf(start)}–${timeOf(end)} (${start.offsetNameShort})`;
}

/** "Thursday 16 October, 17:00 (GMT+4)" in the recipient's zone and locale. */
export function formatZonedMoment(moment: ZonedMoment, locale: string): string {
  const local = inZone(moment.at, moment.timeZone, locale);
  return `${dayOf(local)}, ${timeOf(local)} (${local.offsetNameShort})`;
}
