/**
 * `MM-DD` with a day every year has (29 February is refused: it would move the year's start in
 * three years out of four).
 */
export const MONTH_DAY_PATTERN = /^(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)$/;

/** A validated `MM-DD` as month and day (both 1-based). */
export function parseMonthDay(text: string): { month: number; day: number } {
  if (!MONTH_DAY_PATTERN.test(text)) throw new RangeError(`"${text}" is not a day of the year as MM-DD`);
  const [month, day] = text.split('-').map(Number);
  return { month, day };
}
