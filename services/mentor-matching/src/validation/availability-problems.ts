import type { FieldProblem } from '@mentoring/contracts';
import { IsoInterval, LeavePeriod, WeeklyWindow, weeklyScheduleProblems } from '../shared/time';
import { parseIsoDate } from '../shared/time';

/** Problems of weekly windows in a time zone, with field paths as the API names them (`preferredTimes.2.end`). */
export function scheduleProblems(windows: readonly WeeklyWindow[], timeZone: string, windowsField: string): FieldProblem[] {
  return weeklyScheduleProblems(windows, timeZone).map((problem) => ({
    field: problem.index === null ? 'timeZone' : `${windowsField}.${problem.index}.${problem.field}`,
    problem: problem.message,
  }));
}

export interface MentorAvailabilityInput {
  readonly timeZone: string;
  readonly weeklyAvailability: readonly WeeklyWindow[];
  readonly blocks: readonly IsoInterval[];
  readonly leave: readonly LeavePeriod[];
}

/** Everything wrong with a mentor's availability at once: bad data here would silently become free (or no) time. */
export function mentorAvailabilityProblems(input: MentorAvailabilityInput): FieldProblem[] {
  return [
    ...scheduleProblems(input.weeklyAvailability, input.timeZone, 'weeklyAvailability'),
    ...input.blocks.flatMap((block, index) => blockProblems(block, `blocks.${index}`)),
    ...input.leave.flatMap((period, index) => leaveProblems(period, `leave.${index}`)),
  ];
}

function blockProblems(block: IsoInterval, field: string): FieldProblem[] {
  const start = Date.parse(block.start);
  const end = Date.parse(block.end);
  if (Number.isNaN(start)) return [{ field: `${field}.start`, problem: 'must be an ISO 8601 date-time' }];
  if (Number.isNaN(end)) return [{ field: `${field}.end`, problem: 'must be an ISO 8601 date-time' }];
  return end > start ? [] : [{ field: `${field}.end`, problem: 'must be after start' }];
}

function leaveProblems(period: LeavePeriod, field: string): FieldProblem[] {
  const firstDay = isoDateOrNull(period.firstDay);
  const lastDay = isoDateOrNull(period.lastDay);
  const problems: FieldProblem[] = [];
  if (firstDay === null) problems.push({ field: `${field}.firstDay`, problem: 'must be a date (YYYY-MM-DD)' });
  if (lastDay === null) problems.push({ field: `${field}.lastDay`, problem: 'must be a date (YYYY-MM-DD)' });
  if (firstDay !== null && lastDay !== null && lastDay < firstDay) problems.push({ field: `${field}.lastDay`, problem: 'must not be before firstDay' });
  return problems;
}

function isoDateOrNull(value: string): number | null {
  try {
    return parseIsoDate(value);
  } catch {
    return null;
  }
}
