import { DEFAULT_IMPORT_LIMITS } from '../domain';
import { readBundleInfo } from './manifest';
import { USERS_FILE } from './oneroster-files';
import { isPlaced, PlacementMapping, programOf, yearOf } from './placement';
import { loadDirectoryReferences, OneRosterReferences, UserRef } from './references';
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
 * year their own orgs give, else the classes enrollments.csv puts them in (the class's course org). An empty list when the set has no users.csv; grade files are not needed.
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
    const { program, refs } = placeInDirectory(sourcedId, user, tables, mapping, knownPrograms);
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

/** The student's own orgs first, then the classes they are enrolled in (their course's org, the school). */
function placeInDirectory(
  sourcedId: string,
  user: UserRef,
  tables: OneRosterReferences,
  mapping: PlacementMapping,
  knownPrograms: readonly string[],
): { program?: string; refs: RowReferences } {
  const candidates = ['', ...(tables.studentClasses?.get(sourcedId) ?? [])].map((classId): RowReferences => {
    const classRef = classId === '' ? undefined : tables.classes?.get(classId);
    const courseId = classRef?.courseSourcedId ?? '';
    return {
      lineItemId: '',
      studentSourcedId: sourcedId,
      user,
      classId,
      classRef,
      courseId,
      course: tables.courses?.get(courseId),
      broken: { lineItem: false, user: false, classRef: false, course: false, category: false },
      problems: [],
    };
  });
  // The default programme is the last resort, after every class, not after the first look.
  const { defaultProgram, ...withoutDefault } = mapping;
  for (const refs of candidates) {
    const placement = programOf(refs, tables, withoutDefault, knownPrograms);
    if (isPlaced(placement)) return { program: placement.text, refs };
  }
  return { program: defaultProgram, refs: candidates[0] };
}

function withoutEmpty(entry: OneRosterDirectoryEntry): OneRosterDirectoryEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined && value !== '')) as unknown as OneRosterDirectoryEntry;
}
