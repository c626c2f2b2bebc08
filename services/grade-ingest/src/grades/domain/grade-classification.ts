import { FieldProblem } from '@mentoring/contracts';
import { GradeField, toUtcTimestamp, ValidGrade } from './grade-validation';

/** The latest recorded version of a grade, found by its identity (feed, sourceRecordId). */
export interface RecordedGrade extends ValidGrade {
  gradeId: string;
  feed: string;
}

export type GradeClassification =
  | { outcome: 'accepted' }
  | { outcome: 'duplicate'; existing: RecordedGrade }
  | { outcome: 'amended'; previous: RecordedGrade; changedFields: GradeField[] }
  | { outcome: 'rejected'; problems: FieldProblem[] };

// What was graded: a record id stands for one student's mark in one assessment. If a resend names
// another student or assessment, moving the mark would leave the first student's standing built
// on a grade that no longer exists for them, so the feed must send a new sourceRecordId instead.
const IDENTITY_FIELDS: readonly GradeField[] = ['studentId', 'courseCode', 'assessmentId'];

// Everything else is a correction of the same mark: it yields a new event, so downstream
// consumers re-score with the corrected values.
const AMENDABLE_FIELDS: readonly GradeField[] = [
  'score',
  'maxScore',
  'scoreStatus',
  'assessmentType',
  'program',
  'yearOfStudy',
  'gradedAt',
  'category',
  'categoryWeight',
];

/** The incoming grade with the category of the grade it amends when it names none itself. */
export function withInheritedCategory(incoming: ValidGrade, previous: RecordedGrade | undefined): ValidGrade {
  if (incoming.category !== undefined || previous?.category === undefined) return incoming;
  return { ...incoming, category: previous.category, ...(previous.categoryWeight !== undefined && { categoryWeight: previous.categoryWeight }) };
}

/**
 * Decides what an incoming grade means given the latest recorded grade with the same
 * (feed, sourceRecordId): new, a resend, a correction, or an impossible move to another student
 * or assessment.
 */
export function classifyAgainstExisting(incoming: ValidGrade, existing: RecordedGrade | undefined): GradeClassification {
  if (existing === undefined) return { outcome: 'accepted' };
  const moved = IDENTITY_FIELDS.filter((field) => !sameValue(field, incoming, existing));
  if (moved.length > 0) return { outcome: 'rejected', problems: moved.map((field) => identityProblem(field, existing)) };
  const changedFields = AMENDABLE_FIELDS.filter((field) => !sameValue(field, incoming, existing));
  if (changedFields.length === 0) return { outcome: 'duplicate', existing };
  return { outcome: 'amended', previous: existing, changedFields };
}

function sameValue(field: GradeField, a: ValidGrade, b: ValidGrade): boolean {
  // Stored timestamps may come back in another ISO spelling; equal instants are the same grade.
  if (field === 'gradedAt') return toUtcTimestamp(a.gradedAt) === toUtcTimestamp(b.gradedAt);
  // A feed that does not send categories (REST, Kafka) leaves the recorded one as it is.
  if ((field === 'category' || field === 'categoryWeight') && a.category === undefined) return true;
  return (a[field] ?? null) === (b[field] ?? null);
}

function identityProblem(field: GradeField, existing: RecordedGrade): FieldProblem {
  return {
    field,
    problem:
      `differs from the grade already recorded under sourceRecordId ${existing.sourceRecordId} ` +
      `(${field} ${existing[field]}); a record cannot move to another student or assessment, send it with a new sourceRecordId`,
  };
}
