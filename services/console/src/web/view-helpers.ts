import type Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import type { Clock } from '@mentoring/platform';

/** Formats an instant for people: "Tue 24 Nov, 14:30" in `zone` (UTC when none is known). */
export function formatDateTime(iso: unknown, zone?: unknown): string {
  if (typeof iso !== 'string' && !(iso instanceof Date)) return '';
  const instant = iso instanceof Date ? DateTime.fromJSDate(iso) : DateTime.fromISO(iso);
  if (!instant.isValid) return '';
  const zoned = typeof zone === 'string' && zone ? instant.setZone(zone) : instant.toUTC();
  return `${zoned.toFormat('ccc d LLL, HH:mm')} ${zoned.offsetNameShort ?? zoned.zoneName}`;
}

/** "in 3 h 20 min" / "overdue by 15 min": how far `iso` is from `now`, for deadlines. */
export function formatCountdown(iso: unknown, now: Date): string {
  if (typeof iso !== 'string') return '';
  const target = DateTime.fromISO(iso);
  if (!target.isValid) return '';
  const minutes = Math.round(target.diff(DateTime.fromJSDate(now), 'minutes').minutes);
  const span = describeMinutes(Math.abs(minutes));
  return minutes >= 0 ? `in ${span}` : `overdue by ${span}`;
}

function describeMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${rest} min`;
  return `${rest} min`;
}

/** "needs-attention" -> "Needs attention": enum values as words. */
export function humanize(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const words = value.replace(/[-_]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `clock` is the console's CLOCK, so countdowns agree with the services' deadlines when development time is moved. */
export function registerViewHelpers(handlebars: typeof Handlebars, clock: Clock): void {
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('dateTime', (iso: unknown, zone: unknown) => formatDateTime(iso, typeof zone === 'string' ? zone : undefined));
  handlebars.registerHelper('countdown', (iso: unknown) => formatCountdown(iso, clock.now()));
  handlebars.registerHelper('humanize', (value: unknown) => humanize(value));
  handlebars.registerHelper('percent', (value: unknown) => (typeof value === 'number' ? `${Math.round(value * 1000) / 10}%` : ''));
}
