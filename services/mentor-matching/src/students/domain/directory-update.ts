import type { StudentDirectoryUpdatedV1 } from '@mentoring/contracts';
import { mergeStudent, StudentChanges, StudentFields } from './student-profile';

/** A student as the directory holds them, with the source time of the newest directory data applied. */
export interface DirectoryStudent extends StudentFields {
  readonly directoryAsOf: Date | null;
}

/**
 * What a directory update does to a student: `stale` when what we hold is as new or newer (a
 * redelivery, or an update overtaken by a later one), `unplaceable` for a student not known here
 * whose update names no programme and year (matching needs both; a risk event brings them, and the
 * next directory update the names), else the student afterwards.
 */
export type DirectoryOutcome =
  | { readonly kind: 'stale' }
  | { readonly kind: 'unplaceable' }
  | { readonly kind: 'apply'; readonly student: StudentFields; readonly asOf: Date };

/**
 * Applies the fields the update carries; a field it leaves out (or sends as null) is not known by
 * its source, so what is held stays. The directory is the registrar's word on names, email,
 * programme and year, so it replaces them.
 */
export function applyDirectoryUpdate(existing: DirectoryStudent | null, update: StudentDirectoryUpdatedV1, defaultTimeZone: string): DirectoryOutcome {
  const asOf = new Date(update.asOf);
  if (existing?.directoryAsOf && existing.directoryAsOf.getTime() >= asOf.getTime()) return { kind: 'stale' };
  const merged = mergeStudent(existing, directoryChanges(update), defaultTimeZone);
  // Only a missing programme or year can be wrong here: the update touches no schedule.
  if ('problems' in merged) return { kind: 'unplaceable' };
  return { kind: 'apply', student: merged.student, asOf };
}

export function directoryChanges(update: StudentDirectoryUpdatedV1): StudentChanges {
  return {
    displayName: update.displayName ?? undefined,
    preferredName: update.preferredName ?? undefined,
    email: update.email ?? undefined,
    identifiers: update.identifiers && update.identifiers.length > 0 ? update.identifiers.map(({ type, value }) => ({ type, value })) : undefined,
    program: update.program ?? undefined,
    yearOfStudy: update.yearOfStudy ?? undefined,
  };
}

/** Whether a REST write says anything the directory carries, and so is published as an update. */
export function touchesDirectory(changes: StudentChanges): boolean {
  return (['displayName', 'preferredName', 'email', 'identifiers', 'program', 'yearOfStudy'] as const).some((field) => changes[field] !== undefined);
}

/** The directory update a REST write of a student publishes: what the student's record now says. */
export function directoryUpdateOf(studentId: string, student: StudentFields, asOf: Date): StudentDirectoryUpdatedV1 {
  return {
    studentId,
    displayName: student.displayName,
    preferredName: student.preferredName,
    email: student.email,
    identifiers: student.identifiers.map(({ type, value }) => ({ type, value })),
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    source: 'student-import',
    asOf: asOf.toISOString(),
  };
}
