import { createHash } from 'node:crypto';
import { createEnvelope, EventEnvelope, STUDENT_DIRECTORY_UPDATED_V1, StudentDirectoryUpdatedV1, StudentIdentifierV1 } from '@mentoring/contracts';
import type { OneRosterDirectoryEntry } from './oneroster';

/**
 * The directory update of one users.csv student. The SIS's preferred names win for greetings; the
 * full name is given then family name, as users.csv splits it. Bulk files leave dateLastModified
 * blank, so the update is as of the import's upload.
 */
export function directoryUpdateOf(entry: OneRosterDirectoryEntry, asOf: Date): StudentDirectoryUpdatedV1 {
  const identifiers: StudentIdentifierV1[] = [{ type: 'oneroster.sourcedId', value: entry.sourcedId }];
  if (entry.identifier) identifiers.push({ type: 'oneroster.identifier', value: entry.identifier });
  const fullName = [entry.preferredGivenName ?? entry.givenName, entry.preferredFamilyName ?? entry.familyName].filter((part) => part !== undefined).join(' ');
  return {
    studentId: entry.studentId,
    displayName: fullName === '' ? null : fullName,
    preferredName: entry.preferredGivenName ?? entry.givenName ?? null,
    email: entry.email ?? null,
    identifiers,
    program: entry.program ?? null,
    yearOfStudy: entry.yearOfStudy ?? null,
    source: 'oneroster',
    asOf: asOf.toISOString(),
  };
}

/**
 * Envelopes whose ids derive from the import and the student, so an import resumed after a crash
 * writes the same outbox rows again (which the outbox ignores) instead of a second set.
 */
export function directoryEnvelopes(importId: string, correlationId: string, updates: readonly StudentDirectoryUpdatedV1[], source: string): EventEnvelope<StudentDirectoryUpdatedV1>[] {
  return updates.map((data) =>
    createEnvelope({ id: nameBasedUuid(`${importId}/directory/${data.studentId}`), type: STUDENT_DIRECTORY_UPDATED_V1, source, subject: data.studentId, data, correlationId, time: new Date(data.asOf) }),
  );
}

/** A UUID (version 5 layout) from a SHA-1 of the name: the same name always gives the same id. */
function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
