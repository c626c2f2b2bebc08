/** A calendar day without a year, such as the first day of every academic year (both 1-based). */
export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

/** The first moment (UTC) of the academic year that contains `now`. */
export function academicYearBeginning(now: Date, start: MonthDay): Date {
  const thisYear = Date.UTC(now.getUTCFullYear(), start.month - 1, start.day);
  return new Date(now.getTime() >= thisYear ? thisYear : Date.UTC(now.getUTCFullYear() - 1, start.month - 1, start.day));
}
