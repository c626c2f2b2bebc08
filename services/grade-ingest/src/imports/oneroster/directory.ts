import { DEFAULT_IMPORT_LIMITS } from '../domain';
import { readBundleInfo } from './manifest';
import { USERS_FILE } from './oneroster-files';
import { isPlaced, PlacementMapping, programOf, yearOf } from './placement';
import { loadDirectoryReferences, OneRosterReferences } from './references';
import { RowReferences } from './row-references';
import { OneRosterSource } from './sources';

/** A person of users.csv as a student directory needs them; empty strings are returned as undefined. */
export interface OneRosterDirectoryEntry {
  /** users.csv sourcedId. */
  sourcedId: string;
  /** The id grades are recorded under: users.csv identifier, else sourcedId (as the grade import does). */
  studentId: string;
  identifier?: string;
  givenName?: string;
  familyName?: string;
  preferredGivenName?: string;
  preferredFamilyName?: string;
  email?: string;
  primaryOrgSourcedId?: string;
  /** The programme the import places the student in, when the org hierarchy or the mapping names one. */
  program?: string;
  yearOfStudy?: number;
}

/**
 * The people of a file set's users.csv (students: users with a student role in roles.csv, or a 1.1
 * `role` of student, or every user when the set says nothing about roles), placed in programme and
 * year as far as their own orgs place them (a student placed only by a course's org is placed by
 * their grades). An empty list when the set has no users.csv; grade files are not needed.
 */
export async function readOneRosterDirectory(
  source: OneRosterSource,
  options: { mapping?: PlacementMapping; knownPrograms: readonly string[]; maxReferenceRows?: number },
): Promise<OneRosterDirectoryEntry[]> {
  const info = await readBundleInfo(source);
  if (!info.modes.has(USERS_FILE.name)) return [];
  const tables = await loadDirectoryReferences(source, options.maxReferenceRows ?? DEFAULT_IMPORT_LIMITS.maxReferenceRows, info);
  return directoryEntriesOf(tables, options.mapping ?? {}, options.knownPrograms);
}

/** The directory entries of already loaded reference tables. */
export function directoryEntriesOf(tables: OneRosterReferences, mapping: PlacementMapping, knownPrograms: readonly string[]): OneRosterDirectoryEntry[] {
  const entries: OneRosterDirectoryEntry[] = [];
  for (const [sourcedId, user] of tables.users ?? []) {
    if (tables.studentOrgs !== undefined && !tables.studentOrgs.has(sourcedId)) continue;
    const refs: RowReferences = {
      lineItemId: '',
      studentSourcedId: sourcedId,
      user,
      classId: '',
      courseId: '',
      broken: { lineItem: false, user: false, classRef: false, course: false, category: false },
      problems: [],
    };
    const placement = programOf(refs, tables, mapping, knownPrograms);
    const program = isPlaced(placement) ? placement.text : undefined;
    const year = yearOf(refs, program, mapping);
    const entry: OneRosterDirectoryEntry = {
      sourcedId,
      studentId: user.identifier || sourcedId,
      identifier: user.identifier,
      givenName: user.givenName,
      familyName: user.familyName,
      preferredGivenName: user.preferredGivenName,
      preferredFamilyName: user.preferredFamilyName,
      email: user.email,
      primaryOrgSourcedId: user.primaryOrgSourcedId,
      program,
      yearOfStudy: year !== undefined && /^\d+$/.test(year.text) ? Number(year.text) : undefined,
    };
    entries.push(withoutEmpty(entry));
  }
  return entries;
}

function withoutEmpty(entry: OneRosterDirectoryEntry): OneRosterDirectoryEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined && value !== '')) as unknown as OneRosterDirectoryEntry;
}
