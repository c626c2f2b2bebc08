import { ImportBatch } from './import-batch';

/** What became of a grade the adapter classified against the recorded grades. */
export type GradeOutcome = 'accepted' | 'duplicate' | 'amended' | 'rejected';

/** An import report's counters and resume position; rowsRead always equals the sum of the outcomes. */
export interface ImportTally {
  rowsRead: number;
  accepted: number;
  duplicate: number;
  amended: number;
  rejected: number;
  lastRow: number;
}

/** Adds a persisted batch: its rejected rows, and one outcome per grade in `batch.grades` order. */
export function tallyBatch(tally: ImportTally, batch: ImportBatch, gradeOutcomes: readonly GradeOutcome[]): ImportTally {
  if (gradeOutcomes.length !== batch.grades.length) {
    throw new RangeError(`expected ${batch.grades.length} grade outcomes, got ${gradeOutcomes.length}`);
  }
  const count = (outcome: GradeOutcome) => gradeOutcomes.filter((o) => o === outcome).length;
  return {
    rowsRead: tally.rowsRead + batch.grades.length + batch.rejections.length,
    accepted: tally.accepted + count('accepted'),
    duplicate: tally.duplicate + count('duplicate'),
    amended: tally.amended + count('amended'),
    rejected: tally.rejected + count('rejected') + batch.rejections.length,
    lastRow: batch.lastRow,
  };
}
