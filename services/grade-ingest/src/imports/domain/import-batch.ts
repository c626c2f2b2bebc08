import { ValidGrade } from '../../grades/domain';

/** One reason a row was not imported; `column` names the column of the imported file it concerns. */
export interface RowProblem {
  column: string;
  reason: string;
}

/** A row that could not become a grade, with every problem found in it. */
export interface RowRejection {
  /** Spreadsheet row of the file: the header is row 1, the first record row 2. */
  row: number;
  /** The row's own record id when it has one, so a registrar can find it in their system. */
  sourceRecordId: string;
  problems: RowProblem[];
}

export interface ImportedGrade {
  row: number;
  grade: ValidGrade;
}

/**
 * A slice of an import to persist in one transaction. Storing `lastRow` with it makes the import
 * resumable: a retry after a crash starts after that row, so nothing is counted twice.
 */
export interface ImportBatch {
  grades: ImportedGrade[];
  rejections: RowRejection[];
  lastRow: number;
  /** Records in the whole file (known before the first batch), for progress displays. */
  totalRecords: number;
}
