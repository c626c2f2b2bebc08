import { DateTime } from 'luxon';

const INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** A `datetime-local` field's value, read as wall-clock time in `zone`, as an ISO instant; undefined when it is not one. */
export function instantFromLocalInput(value: unknown, zone: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const local = DateTime.fromFormat(value, INPUT_FORMAT, { zone });
  return local.isValid ? (local.toUTC().toISO() ?? undefined) : undefined;
}

/** `now` as a `datetime-local` value in `zone`: the default of "when did it happen". */
export function localInputValue(now: Date, zone: string): string {
  return DateTime.fromJSDate(now).setZone(zone).toFormat(INPUT_FORMAT);
}
