import { FieldProblem, GradeRecordedV1 } from '@mentoring/contracts';
import { classifyAgainstExisting, RecordedGrade, withInheritedCategory } from './grade-classification';
import { toGradeRecordedPayload } from './grade-recorded';
import { GradeField, ValidGrade } from './grade-validation';

/** A recorded version of a grade with its place in the identity's amendment chain (1 = first recording). */
export interface StoredGrade extends RecordedGrade {
  version: number;
}

/** What became of one submitted grade; `gradeId` is the version a consumer should refer to. */
export type RecordingOutcome =
  | { outcome: 'accepted'; gradeId: string }
  | { outcome: 'duplicate'; gradeId: string }
  | { outcome: 'amended'; gradeId: string; amendsGradeId: string; changedFields: GradeField[] }
  | { outcome: 'rejected'; problems: FieldProblem[] };

/** A grade version to store, with the `grades.recorded.v1` payload announcing it. */
export interface NewGradeVersion {
  grade: StoredGrade;
  amendsGradeId: string | null;
  /** False when a later grade of the same batch amends it again: it is stored as history only. */
  current: boolean;
  event: GradeRecordedV1;
}

export interface RecordingPlan {
  /** One per submitted grade, in submission order. */
  outcomes: RecordingOutcome[];
  /** Versions to store, in submission order (each amended version before the one amending it). */
  newVersions: NewGradeVersion[];
  /** Stored versions that this batch amends: they stop being current, and stay as history. */
  supersededGradeIds: string[];
}

/**
 * Decides, in submission order, what each grade of one feed's batch means against the current
 * stored versions and against the batch's own earlier grades: a record sent twice in one batch is
 * a duplicate (or an amendment) of its first occurrence, never a second new grade.
 */
export function planRecording(
  feed: string,
  grades: readonly ValidGrade[],
  currentBySourceRecordId: ReadonlyMap<string, StoredGrade>,
  newGradeId: () => string,
): RecordingPlan {
  const latest = new Map(currentBySourceRecordId);
  const recordedInBatch = new Map<string, NewGradeVersion>();
  const supersededGradeIds: string[] = [];

  const recordVersion = (incoming: ValidGrade, previous: StoredGrade | undefined): NewGradeVersion => {
    const grade = withInheritedCategory(incoming, previous);
    const gradeId = newGradeId();
    const version: NewGradeVersion = {
      grade: { ...grade, gradeId, feed, version: (previous?.version ?? 0) + 1 },
      amendsGradeId: previous?.gradeId ?? null,
      current: true,
      event: toGradeRecordedPayload(grade, { gradeId, feed, amends: previous }),
    };
    if (previous !== undefined) supersede(previous.gradeId);
    recordedInBatch.set(gradeId, version);
    latest.set(grade.sourceRecordId, version.grade);
    return version;
  };

  const supersede = (gradeId: string) => {
    const earlierInBatch = recordedInBatch.get(gradeId);
    if (earlierInBatch !== undefined) earlierInBatch.current = false;
    else supersededGradeIds.push(gradeId);
  };

  const outcomes = grades.map((grade): RecordingOutcome => {
    const classification = classifyAgainstExisting(grade, latest.get(grade.sourceRecordId));
    switch (classification.outcome) {
      case 'rejected':
        return { outcome: 'rejected', problems: classification.problems };
      case 'duplicate':
        return { outcome: 'duplicate', gradeId: classification.existing.gradeId };
      case 'accepted':
        return { outcome: 'accepted', gradeId: recordVersion(grade, undefined).grade.gradeId };
      case 'amended': {
        const previous = latest.get(grade.sourceRecordId) as StoredGrade;
        const amendment = recordVersion(grade, previous);
        return { outcome: 'amended', gradeId: amendment.grade.gradeId, amendsGradeId: previous.gradeId, changedFields: classification.changedFields };
      }
    }
  });

  return { outcomes, newVersions: [...recordedInBatch.values()], supersededGradeIds };
}
