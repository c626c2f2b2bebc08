import { GradeValidationOptions } from '../../grades/domain';
import { DEFAULT_IMPORT_LIMITS, ImportBatch, ImportFileError, ImportLimits, tooLarge } from '../domain';
import { readCsvRows } from './csv-rows';
import { LINE_ITEMS_FILE, RESULTS_FILE } from './oneroster-files';
import { loadReferences, OneRosterReferences } from './references';
import { isRejection, mapResultRow, OneRosterMapping } from './result-mapping';
import { OneRosterSource } from './sources';

export const DEFAULT_BATCH_SIZE = 500;

export interface OneRosterImportOptions {
  validation: GradeValidationOptions;
  mapping?: OneRosterMapping;
  /** Rows per batch: the adapter persists each batch in one transaction. */
  batchSize?: number;
  /** `lastRow` of the last batch an interrupted run of the same import persisted. */
  resumeAfterRow?: number;
  /** Row caps of results.csv and of each reference file (the source enforces the byte caps). */
  limits?: RowLimits;
}

export type RowLimits = Pick<ImportLimits, 'maxResultRows' | 'maxReferenceRows'>;

/**
 * Reads a OneRoster 1.2 CSV file set as batches of validated grades and rejected rows, streaming
 * results.csv. Every file-level problem (missing file or columns, non-UTF-8 bytes, malformed CSV,
 * damaged zip) is thrown as an ImportFileError before the first batch, because results.csv is read
 * through once before any of it is imported: a broken file imports nothing.
 */
export async function* readOneRosterImport(source: OneRosterSource, options: OneRosterImportOptions): AsyncGenerator<ImportBatch> {
  requireFiles(source);
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const references = await loadReferences(source, limits.maxReferenceRows);
  const totalRecords = await countResults(source, limits.maxResultRows);
  yield* resultBatches(source, references, options, totalRecords);
}

function requireFiles(source: OneRosterSource): void {
  const missing = [RESULTS_FILE, LINE_ITEMS_FILE].filter((file) => !source.has(file.name)).map((file) => file.name);
  if (missing.length === 0) return;
  throw new ImportFileError({
    code: 'missing-file',
    file: missing[0],
    message: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing; a OneRoster grade import needs results.csv and lineItems.csv`,
  });
}

// The check pass reads every record before any is imported, so a file over the cap records nothing.
async function countResults(source: OneRosterSource, maxRows: number): Promise<number> {
  let records = 0;
  for await (const _row of readCsvRows(await source.open(RESULTS_FILE.name), RESULTS_FILE)) {
    records += 1;
    if (records > maxRows) throw tooLarge('result-rows', RESULTS_FILE.name, maxRows, `has more than ${maxRows} records`);
  }
  return records;
}

async function* resultBatches(
  source: OneRosterSource,
  references: OneRosterReferences,
  { validation, mapping = {}, batchSize = DEFAULT_BATCH_SIZE, resumeAfterRow = 0 }: OneRosterImportOptions,
  totalRecords: number,
): AsyncGenerator<ImportBatch> {
  let batch = emptyBatch(totalRecords);
  for await (const row of readCsvRows(await source.open(RESULTS_FILE.name), RESULTS_FILE)) {
    if (row.row <= resumeAfterRow) continue;
    const outcome = mapResultRow(row, references, mapping, validation);
    if (isRejection(outcome)) batch.rejections.push(outcome);
    else batch.grades.push(outcome);
    batch.lastRow = row.row;
    if (batch.grades.length + batch.rejections.length >= batchSize) {
      yield batch;
      batch = emptyBatch(totalRecords);
    }
  }
  if (batch.grades.length + batch.rejections.length > 0) yield batch;
}

function emptyBatch(totalRecords: number): ImportBatch {
  return { grades: [], rejections: [], lastRow: 0, totalRecords };
}
