import type { FieldProblem } from '@mentoring/contracts';
import type { WeeklyWindow } from '../../shared/time';
import { scheduleProblems } from '../../validation/availability-problems';

export interface StudentIdentifierField {
  readonly type: string;
  readonly value: string;
}

export interface StudentFields {
  readonly program: string;
  readonly yearOfStudy: number;
  readonly displayName: string | null;
  /** The name the student goes by, for greetings. */
  readonly preferredName: string | null;
  readonly email: string | null;
  readonly identifiers: readonly StudentIdentifierField[];
  readonly timeZone: string;
  readonly preferredTimes: readonly WeeklyWindow[];
  readonly currentMentorId: string | null;
  readonly excludedMentorIds: readonly string[];
}

export type StudentChanges = Partial<{ -readonly [K in keyof StudentFields]: StudentFields[K] | undefined }>;

export type MergedStudent = { readonly student: StudentFields } | { readonly problems: FieldProblem[] };

/**
 * A student's profile after a change: fields sent replace, fields left out stay. A new student
 * needs a programme and a year; the time zone defaults to the institution's.
 */
export function mergeStudent(existing: StudentFields | null, changes: StudentChanges, defaultTimeZone: string): MergedStudent {
  const program = changes.program ?? existing?.program;
  const yearOfStudy = changes.yearOfStudy ?? existing?.yearOfStudy;
  if (program === undefined || yearOfStudy === undefined) {
    return { problems: missing({ program, yearOfStudy }) };
  }
  const student: StudentFields = {
    program,
    yearOfStudy,
    displayName: keep(changes.displayName, existing?.displayName ?? null),
    preferredName: keep(changes.preferredName, existing?.preferredName ?? null),
    email: keep(changes.email, existing?.email ?? null),
    identifiers: changes.identifiers ?? existing?.identifiers ?? [],
    timeZone: changes.timeZone ?? existing?.timeZone ?? defaultTimeZone,
    preferredTimes: changes.preferredTimes ?? existing?.preferredTimes ?? [],
    currentMentorId: keep(changes.currentMentorId, existing?.currentMentorId ?? null),
    excludedMentorIds: [...new Set(changes.excludedMentorIds ?? existing?.excludedMentorIds ?? [])],
  };
  const problems = scheduleProblems(student.preferredTimes, student.timeZone, 'preferredTimes');
  return problems.length > 0 ? { problems } : { student };
}

// `null` clears a field; leaving it out keeps it.
function keep<T>(sent: T | null | undefined, current: T | null): T | null {
  return sent === undefined ? current : sent;
}

function missing(fields: Record<string, unknown>): FieldProblem[] {
  return Object.entries(fields)
    .filter(([, value]) => value === undefined)
    .map(([field]) => ({ field, problem: 'is required for a student not seen before' }));
}
