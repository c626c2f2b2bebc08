import { IANAZone } from 'luxon';
import { clipIntervals, horizonFrom, intersectIntervals, IsoInterval, MINUTE_MS, toIsoInterval, UtcInterval } from '../../shared/time';
import { instantToWallTime, isoDate, zoneOf } from '../../shared/time';

/** How well a slot suits the student, best first. */
export type SlotFit = 'preferred' | 'waking-hours' | 'any-free-time';

export interface ProposedSlot extends IsoInterval {
  readonly fit: SlotFit;
}

export interface SlotProposal {
  /** In chronological order; fewer than asked (possibly none) when the mentor has too little free time. */
  readonly slots: ProposedSlot[];
  /** True when at least one slot lies outside the student's preferred times, so the outreach can say so. */
  readonly outsidePreferences: boolean;
}

export interface SlotOptions {
  readonly now: Date;
  readonly count?: number;
  readonly minutes?: number;
  readonly horizonDays?: number;
  /** No slot starts sooner than this: the mentor has yet to accept, and the student needs notice. */
  readonly minLeadHours?: number;
  /** Slots start on this grid (in UTC, which is on the local grid for every zone offset in use). */
  readonly alignMinutes?: number;
  /** Zone of the calendar over which slots are spread across days: the student's. */
  readonly dayZone?: string;
  /** The student's waking hours, tried before any free time when preferences give too few slots. */
  readonly studentWaking?: readonly UtcInterval[];
}

export const DEFAULT_SLOT_OPTIONS = {
  count: 3,
  minutes: 30,
  horizonDays: 14,
  minLeadHours: 24,
  alignMinutes: 15,
  dayZone: 'UTC',
} as const;

interface Candidate extends UtcInterval {
  readonly fit: SlotFit;
  readonly day: string;
}

/**
 * Concrete meeting slots in the mentor's free time: inside the student's preferred times when
 * possible, otherwise in the student's waking hours, otherwise anywhere the mentor is free. Within
 * each tier the earliest slot of each distinct day is taken first, so the student gets a real
 * choice of days rather than three adjacent half-hours.
 */
export function proposeSlots(
  mentorFree: readonly UtcInterval[],
  studentPreferred: readonly UtcInterval[],
  options: SlotOptions,
): SlotProposal {
  const settings = withDefaults(options);
  const free = clipIntervals(mentorFree, horizonFrom(settings.now, settings.horizonDays, settings.minLeadHours));
  const tiers: Array<[SlotFit, UtcInterval[]]> = [['preferred', intersectIntervals(free, studentPreferred)]];
  if (settings.studentWaking) tiers.push(['waking-hours', intersectIntervals(free, settings.studentWaking)]);
  tiers.push(['any-free-time', free]);

  const dayZone = zoneOf(settings.dayZone);
  const chosen: Candidate[] = [];
  for (const [fit, intervals] of tiers) {
    const candidates = candidatesIn(intervals, fit, settings, dayZone);
    pick(candidates, chosen, settings.count, true);
    pick(candidates, chosen, settings.count, false);
  }
  const slots = chosen
    .sort((a, b) => a.start - b.start)
    .map((candidate) => ({ ...toIsoInterval(candidate), fit: candidate.fit }));
  return { slots, outsidePreferences: slots.some((slot) => slot.fit !== 'preferred') };
}

type SlotSettings = Required<Omit<SlotOptions, 'studentWaking'>> & Pick<SlotOptions, 'studentWaking'>;

// `??` rather than a spread: an explicit `undefined` from a caller must still get the default.
function withDefaults(options: SlotOptions): SlotSettings {
  return {
    now: options.now,
    count: options.count ?? DEFAULT_SLOT_OPTIONS.count,
    minutes: options.minutes ?? DEFAULT_SLOT_OPTIONS.minutes,
    horizonDays: options.horizonDays ?? DEFAULT_SLOT_OPTIONS.horizonDays,
    minLeadHours: options.minLeadHours ?? DEFAULT_SLOT_OPTIONS.minLeadHours,
    alignMinutes: options.alignMinutes ?? DEFAULT_SLOT_OPTIONS.alignMinutes,
    dayZone: options.dayZone ?? DEFAULT_SLOT_OPTIONS.dayZone,
    studentWaking: options.studentWaking,
  };
}

function candidatesIn(
  intervals: readonly UtcInterval[],
  fit: SlotFit,
  settings: SlotSettings,
  dayZone: IANAZone,
): Candidate[] {
  const duration = settings.minutes * MINUTE_MS;
  const grid = settings.alignMinutes * MINUTE_MS;
  const candidates: Candidate[] = [];
  for (const interval of intervals) {
    for (let start = Math.ceil(interval.start / grid) * grid; start + duration <= interval.end; start += grid) {
      candidates.push({ start, end: start + duration, fit, day: isoDate(instantToWallTime(dayZone, start)) });
    }
  }
  return candidates;
}

function pick(candidates: readonly Candidate[], chosen: Candidate[], count: number, newDaysOnly: boolean): void {
  for (const candidate of candidates) {
    if (chosen.length >= count) return;
    const clashes = chosen.some((slot) => slot.start < candidate.end && candidate.start < slot.end);
    const dayTaken = chosen.some((slot) => slot.day === candidate.day);
    if (!clashes && !(newDaysOnly && dayTaken)) chosen.push(candidate);
  }
}
