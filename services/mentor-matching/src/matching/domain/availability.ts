import {
  bookableMinutes,
  clipIntervals,
  expandWeeklyWindows,
  fromIsoInterval,
  horizonFrom,
  intersectIntervals,
  IsoInterval,
  LeavePeriod,
  leaveIntervals,
  subtractIntervals,
  UtcInterval,
  WeeklyWindow,
} from '../../shared/time';

export interface MentorAvailability {
  readonly timeZone: string;
  readonly weekly: readonly WeeklyWindow[];
  /** One-off busy times (a clinic, a conference talk). */
  readonly blocks: readonly IsoInterval[];
  readonly leave: readonly LeavePeriod[];
  readonly bookedMeetings: readonly IsoInterval[];
}

export interface StudentPreferences {
  readonly timeZone: string;
  /** Empty when the student has not said; see DEFAULT_STUDENT_WINDOWS. */
  readonly weekly: readonly WeeklyWindow[];
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * A student who has not stated preferences is assumed to prefer weekday daytime in their own zone:
 * matching them on zero overlap would rank every mentor equally and offer slots at 3 a.m.
 */
export const DEFAULT_STUDENT_WINDOWS: readonly WeeklyWindow[] = WEEKDAYS.map((weekday) => ({
  weekday,
  start: '09:00',
  end: '18:00',
}));

/** Hours at which a slot outside the student's preferences is still a civil thing to offer. */
export const STUDENT_WAKING_WINDOWS: readonly WeeklyWindow[] = ALL_DAYS.map((weekday) => ({
  weekday,
  start: '08:00',
  end: '21:00',
}));

/** Weekly availability minus blocks, leave and booked meetings, within `range`. */
export function mentorFreeTime(mentor: MentorAvailability, range: UtcInterval): UtcInterval[] {
  const busy = [
    ...mentor.blocks.map(fromIsoInterval),
    ...mentor.bookedMeetings.map(fromIsoInterval),
    ...leaveIntervals(mentor.leave, mentor.timeZone),
  ];
  return subtractIntervals(expandWeeklyWindows(mentor.weekly, mentor.timeZone, range), busy);
}

export function studentPreferredTime(student: StudentPreferences, range: UtcInterval): UtcInterval[] {
  const windows = student.weekly.length > 0 ? student.weekly : DEFAULT_STUDENT_WINDOWS;
  return expandWeeklyWindows(windows, student.timeZone, range);
}

export function studentWakingTime(student: Pick<StudentPreferences, 'timeZone'>, range: UtcInterval): UtcInterval[] {
  return expandWeeklyWindows(STUDENT_WAKING_WINDOWS, student.timeZone, range);
}

/** What the matcher needs to know about one mentor's time for one student. */
export interface AvailabilityFacts {
  readonly bookableFreeMinutesNext7Days: number;
  readonly bookableFreeMinutesNext14Days: number;
  readonly bookableOverlapMinutesNext14Days: number;
}

export interface AvailabilityFactsOptions {
  readonly now: Date;
  readonly meetingMinutes: number;
  /** Time before which no meeting can sensibly be held (the mentor has yet to accept). */
  readonly minLeadHours: number;
}

export function availabilityFacts(
  mentorFree: readonly UtcInterval[],
  studentPreferred: readonly UtcInterval[],
  { now, meetingMinutes, minLeadHours }: AvailabilityFactsOptions,
): AvailabilityFacts {
  const freeIn = (days: number) => clipIntervals(mentorFree, horizonFrom(now, days, minLeadHours));
  const free14 = freeIn(14);
  return {
    bookableFreeMinutesNext7Days: bookableMinutes(freeIn(7), meetingMinutes),
    bookableFreeMinutesNext14Days: bookableMinutes(free14, meetingMinutes),
    bookableOverlapMinutesNext14Days: bookableMinutes(intersectIntervals(free14, studentPreferred), meetingMinutes),
  };
}
