import { booleanCell, integerCell, intervalsCell, leaveCell, listCell, weeklyWindowsCell } from '../bulk-import/csv-cells';
import { ColumnReaders, textCell } from '../bulk-import/csv-records';

/**
 * Columns of a mentor CSV import, named as the JSON fields. Lists use `;`:
 * `programs` "MBBS;BBMS", `weeklyAvailability` "Mon 09:00-11:00; Wed 14:00-16:00",
 * `leave` "2025-12-20..2026-01-04", `blocks` "2025-10-21T09:00Z/2025-10-21T11:00Z", `active` yes/no,
 * `meetingMode` in-person/video/phone with `meetingPlace` the room, https link or number.
 */
export const MENTOR_CSV_COLUMNS: ColumnReaders = {
  mentorId: textCell,
  displayName: textCell,
  email: textCell,
  timeZone: textCell,
  programs: (text) => ({ value: listCell(text) }),
  expertiseCourseCodes: (text) => ({ value: listCell(text) }),
  maxOpenCases: integerCell,
  weeklyAvailability: weeklyWindowsCell,
  blocks: intervalsCell,
  leave: leaveCell,
  active: (text) => booleanCell(text, true),
  meetingMode: textCell,
  meetingPlace: textCell,
};
