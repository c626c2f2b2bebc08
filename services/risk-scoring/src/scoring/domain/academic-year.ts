/** A calendar day without a year, such as the first day of every academic year. */
export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

/**
 * `MM-DD` with a day every year has (29 February is refused: it would move the year's start in
 * three years out of four).
 */
export const MONTH_DAY_PATTERN = /^(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)$/;

export function parseMonthDay(text: string): MonthDay {
  if (!MONTH_DAY_PATTERN.test(text)) throw new RangeError(`"${text}" is not a day of the year as MM-DD`);
  const [month, day] = text.split('-').map(Number);
  return { month, day };
}

/** The first moment (UTC) of the academic year that contains `now`. */
export function academicYearBeginning(now: Date, start: MonthDay): Date {
  const thisYear = Date.UTC(now.getUTCFullYear(), start.month - 1, start.day);
  return new Date(now.getTime() >= thisYear ? thisYear : Date.UTC(now.getUTCFullYear() - 1, start.month - 1, start.day));
}
