import { ValidGrade } from '../../grades/domain';
import { ImportBatch } from './import-batch';
import { ImportTally, tallyBatch } from './import-tally';

const EMPTY_TALLY: Readonly<ImportTally> = { rowsRead: 0, accepted: 0, duplicate: 0, amended: 0, rejected: 0, lastRow: 0 };

const grade = { sourceRecordId: 'res-1' } as ValidGrade;

const batch: ImportBatch = {
  grades: [
    { row: 2, grade },
    { row: 3, grade },
    { row: 5, grade },
  ],
  rejections: [{ row: 4, sourceRecordId: 'res-3', problems: [{ column: 'score', reason: 'score is required' }] }],
  lastRow: 5,
  totalRecords: 4,
};

describe('tallyBatch', () => {
  it('counts every row of a batch exactly once and moves the resume position', () => {
    expect(tallyBatch(EMPTY_TALLY, batch, ['accepted', 'amended', 'rejected'])).toEqual({
      rowsRead: 4,
      accepted: 1,
      duplicate: 0,
      amended: 1,
      rejected: 2,
      lastRow: 5,
    });
  });

  it('adds to what earlier batches counted', () => {
    const once = tallyBatch(EMPTY_TALLY, batch, ['accepted', 'accepted', 'accepted']);

    expect(tallyBatch(once, { ...batch, lastRow: 9 }, ['duplicate', 'duplicate', 'duplicate'])).toMatchObject({
      rowsRead: 8,
      accepted: 3,
      duplicate: 3,
      rejected: 2,
      lastRow: 9,
    });
  });

  it('refuses outcomes that do not match the grades of the batch', () => {
    expect(() => tallyBatch(EMPTY_TALLY, batch, ['accepted'])).toThrow(RangeError);
  });
});
