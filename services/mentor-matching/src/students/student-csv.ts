import { integerCell, listCell, weeklyWindowsCell } from '../bulk-import/csv-cells';
import { ColumnReaders, textCell } from '../bulk-import/csv-records';

/** Columns of a student CSV import, named as the JSON fields; `preferredTimes` as "Mon 18:00-20:00; Sat 10:00-12:00". */
export const STUDENT_CSV_COLUMNS: ColumnReaders = {
  studentId: textCell,
  program: textCell,
  yearOfStudy: integerCell,
  displayName: textCell,
  email: textCell,
  timeZone: textCell,
  preferredTimes: weeklyWindowsCell,
  currentMentorId: textCell,
  excludedMentorIds: (text) => ({ value: listCell(text) }),
};
