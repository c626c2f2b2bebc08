/** A half-open span of time [start, end) in epoch milliseconds, so it is UTC by construction. */
export interface UtcInterval {
  readonly start: number;
  readonly end: number;
}

/** The wire shape of a span of time (as in the contracts' MeetingSlotV1): ISO 8601 instants. */
export interface IsoInterval {
  readonly start: string;
  readonly end: string;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Parses ISO instants; throws on an unparsable or empty span so bad data never becomes free time. */
export function fromIsoInterval(interval: IsoInterval): UtcInterval {
  const start = Date.parse(interval.start);
  const end = Date.parse(interval.end);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw new RangeError(`Invalid interval ${interval.start} .. ${interval.end}`);
  }
  return { start, end };
}

export function toIsoInterval(interval: UtcInterval): IsoInterval {
  return { start: new Date(interval.start).toISOString(), end: new Date(interval.end).toISOString() };
}

/** The span from `now` (plus an optional lead time) to `now + days`. */
export function horizonFrom(now: Date, days: number, leadHours = 0): UtcInterval {
  const start = now.getTime() + leadHours * HOUR_MS;
  return { start, end: Math.max(start, now.getTime() + days * DAY_MS) };
}

/** Sorted, non-empty, non-overlapping intervals; touching intervals are joined. */
export function mergeIntervals(intervals: readonly UtcInterval[]): readonly UtcInterval[] {
  // Most inputs are already the output of another function here; skip the sort and the copy.
  if (isMerged(intervals)) return intervals;
  const sorted = intervals.filter((interval) => interval.end > interval.start).sort((a, b) => a.start - b.start);
  const merged: UtcInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, interval.end) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

function isMerged(intervals: readonly UtcInterval[]): boolean {
  return intervals.every(
    (interval, i) => interval.end > interval.start && (i === 0 || intervals[i - 1].end < interval.start),
  );
}

/** Time covered by both lists. */
export function intersectIntervals(a: readonly UtcInterval[], b: readonly UtcInterval[]): UtcInterval[] {
  const left = mergeIntervals(a);
  const right = mergeIntervals(b);
  const result: UtcInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (end > start) result.push({ start, end });
    if (left[i].end < right[j].end) i++;
    else j++;
  }
  return result;
}

/** Time in `from` that is not in `remove`. */
export function subtractIntervals(from: readonly UtcInterval[], remove: readonly UtcInterval[]): UtcInterval[] {
  const removals = mergeIntervals(remove);
  const result: UtcInterval[] = [];
  for (const interval of mergeIntervals(from)) {
    let cursor = interval.start;
    for (const removal of removals) {
      if (removal.end <= cursor) continue;
      if (removal.start >= interval.end) break;
      if (removal.start > cursor) result.push({ start: cursor, end: removal.start });
      cursor = Math.max(cursor, removal.end);
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

export function clipIntervals(intervals: readonly UtcInterval[], range: UtcInterval): UtcInterval[] {
  return intersectIntervals(intervals, [range]);
}

export function totalMinutes(intervals: readonly UtcInterval[]): number {
  return mergeIntervals(intervals).reduce((sum, interval) => sum + (interval.end - interval.start), 0) / MINUTE_MS;
}

export function overlapMinutes(a: readonly UtcInterval[], b: readonly UtcInterval[]): number {
  return totalMinutes(intersectIntervals(a, b));
}

/**
 * Minutes in stretches long enough to hold a meeting: ten free minutes between two
 * appointments are not time a mentor can give a student.
 */
export function bookableMinutes(intervals: readonly UtcInterval[], meetingMinutes: number): number {
  const usable = mergeIntervals(intervals).filter((interval) => interval.end - interval.start >= meetingMinutes * MINUTE_MS);
  return totalMinutes(usable);
}
