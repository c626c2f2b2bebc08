import type { ImportLimitExceeded } from './import-limits';

export type ImportFileErrorCode =
  | 'missing-file'
  | 'duplicate-file'
  | 'missing-columns'
  | 'duplicate-columns'
  | 'unknown-columns'
  | 'misplaced-columns'
  | 'manifest'
  | 'unmapped-programme'
  | 'unmapped-year'
  | 'invalid-utf8'
  | 'malformed-csv'
  | 'malformed-row'
  | 'corrupt-zip'
  | 'too-large';

/** Where and why a whole import was refused, as an import report shows it. */
export interface ImportFileProblem {
  code: ImportFileErrorCode;
  file: string;
  /** Physical line of the file (byte-level and CSV syntax problems). */
  line?: number;
  /** Spreadsheet row of the file, header = 1 (problems with one record of a reference file). */
  row?: number;
  message: string;
  /** For `too-large`: the cap, its limit and what was seen. */
  limit?: ImportLimitExceeded;
}

/** A problem with a file as a whole: the importer finds these before yielding any batch, and imports nothing. */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  readonly file: string;
  readonly line?: number;
  readonly row?: number;
  readonly limit?: ImportLimitExceeded;

  constructor(problem: ImportFileProblem, options?: { cause?: unknown }) {
    super(problem.message, options);
    this.name = 'ImportFileError';
    this.code = problem.code;
    this.file = problem.file;
    this.line = problem.line;
    this.row = problem.row;
    this.limit = problem.limit;
  }
}
