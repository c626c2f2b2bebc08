import { clockTime } from './calendar';
import { WeeklyWindow } from './model';
import { Random } from './random';

interface WindowPattern {
  weekdays: readonly number[];
  /** Earliest and latest start, minutes after midnight; starts fall on the half hour. */
  earliestStart: number;
  latestStart: number;
  lengthsInMinutes: readonly number[];
}

const WORKDAYS = [1, 2, 3, 4, 5];
const HOUR = 60;

// Students spend the working day in lectures and on the wards, so most of the time they offer is
// in the evening and at the weekend: exactly when a mentor's office hours are not.
const STUDENT_PATTERNS: ReadonlyArray<readonly [WindowPattern, number]> = [
  [{ weekdays: WORKDAYS, earliestStart: 18 * HOUR, latestStart: 20 * HOUR, lengthsInMinutes: [120, 150, 180] }, 35],
  [{ weekdays: [6, 7], earliestStart: 9 * HOUR, latestStart: 16 * HOUR, lengthsInMinutes: [120, 180, 240] }, 30],
  [{ weekdays: WORKDAYS, earliestStart: 15 * HOUR, latestStart: 16.5 * HOUR, lengthsInMinutes: [60, 90, 120] }, 20],
  [{ weekdays: WORKDAYS, earliestStart: 12 * HOUR, latestStart: 12.5 * HOUR, lengthsInMinutes: [60] }, 10],
  [{ weekdays: WORKDAYS, earliestStart: 7 * HOUR, latestStart: 7.5 * HOUR, lengthsInMinutes: [60] }, 5],
];

const MENTOR_SLOTS = {
  morning: { weekdays: WORKDAYS, earliestStart: 8 * HOUR, latestStart: 10.5 * HOUR, lengthsInMinutes: [60, 90, 120] },
  afternoon: { weekdays: WORKDAYS, earliestStart: 13 * HOUR, latestStart: 15 * HOUR, lengthsInMinutes: [60, 90, 120] },
  evening: { weekdays: WORKDAYS, earliestStart: 17 * HOUR, latestStart: 18 * HOUR, lengthsInMinutes: [60, 90] },
} satisfies Record<string, WindowPattern>;

type MentorSlot = keyof typeof MENTOR_SLOTS;

/** 2-4 windows on distinct days, mostly evenings and weekends. */
export function drawStudentPreferredTimes(random: Random): WeeklyWindow[] {
  const wanted = random.int(2, 4);
  const windows: WeeklyWindow[] = [];
  const usedDays = new Set<number>();
  // A pattern whose days are all taken is drawn again; the bound only guards against bad luck.
  for (let attempt = 0; windows.length < wanted && attempt < wanted * 4; attempt += 1) {
    const pattern = random.weightedPick(STUDENT_PATTERNS);
    const freeDays = pattern.weekdays.filter((day) => !usedDays.has(day));
    if (freeDays.length === 0) continue;
    const weekday = random.pick(freeDays);
    usedDays.add(weekday);
    windows.push(drawWindow(random, pattern, weekday));
  }
  return sortWindows(windows);
}

/**
 * Office-hour blocks of 1-2 h on 2-4 workdays (at most two a day, never overlapping); a busy
 * mentor offers a single hour. Some mentors stay into the early evening for students.
 */
export function drawMentorAvailability(random: Random, busy: boolean): WeeklyWindow[] {
  if (busy) {
    const slot = MENTOR_SLOTS[random.pick<MentorSlot>(['morning', 'afternoon'])];
    return [drawWindow(random, { ...slot, lengthsInMinutes: [60] }, random.pick(WORKDAYS))];
  }
  const blocks = random.int(2, 4);
  const days = random.shuffle(WORKDAYS).slice(0, Math.min(blocks, random.int(2, 4)));
  const slots: MentorSlot[] = random.chance(0.25) ? ['morning', 'evening'] : ['morning', 'afternoon'];
  const windows = days.flatMap((weekday, dayIndex) => {
    const blocksToday = Math.floor(blocks / days.length) + (dayIndex < blocks % days.length ? 1 : 0);
    return random
      .shuffle(slots)
      .slice(0, blocksToday)
      .map((slot) => drawWindow(random, MENTOR_SLOTS[slot], weekday));
  });
  return sortWindows(windows);
}

function drawWindow(random: Random, pattern: WindowPattern, weekday: number): WeeklyWindow {
  const halfHours = Math.round((pattern.latestStart - pattern.earliestStart) / 30);
  const start = pattern.earliestStart + 30 * random.int(0, halfHours);
  return { weekday, start: clockTime(start), end: clockTime(start + random.pick(pattern.lengthsInMinutes)) };
}

function sortWindows(windows: WeeklyWindow[]): WeeklyWindow[] {
  return [...windows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}
