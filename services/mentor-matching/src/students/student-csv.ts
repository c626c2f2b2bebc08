import { Cell, integerCell, listCell, weeklyWindowsCell } from '../bulk-import/csv-cells';
import { ColumnReaders, textCell } from '../bulk-import/csv-records';

/** `username:aokafor; LTI:8f2c` — each identifier as type:value. */
function identifiersCell(text: string): Cell<Array<{ type: string; value: string }>> {
  const identifiers: Array<{ type: string; value: string }> = [];
  for (const item of listCell(text)) {
    const separator = item.indexOf(':');
    if (separator <= 0 || separator === item.length - 1) return { problem: `"${item}" is not an identifier such as "username:aokafor"` };
    identifiers.push({ type: item.slice(0, separator).trim(), value: item.slice(separator + 1).trim() });
  }
  return { value: identifiers };
}

/**
 * Columns of a student CSV import, named as the JSON fields; `preferredTimes` as
 * "Mon 18:00-20:00; Sat 10:00-12:00", `identifiers` as "username:aokafor; LTI:8f2c".
 */
export const STUDENT_CSV_COLUMNS: ColumnReaders = {
  studentId: textCell,
  program: textCell,
  yearOfStudy: integerCell,
  displayName: textCell,
  preferredName: textCell,
  email: textCell,
  identifiers: identifiersCell,
  timeZone: textCell,
  preferredTimes: weeklyWindowsCell,
  currentMentorId: textCell,
  excludedMentorIds: (text) => ({ value: listCell(text) }),
};
