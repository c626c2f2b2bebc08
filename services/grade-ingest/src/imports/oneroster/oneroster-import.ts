import { GradeValidationOptions } from '../../grades/domain';
import { ImportBatch, ImportFileError } from '../domain';
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
}

/**
 * Reads a OneRoster 1.2 CSV file set as batches of validated grades and rejected rows, streaming
 * results.csv. Every file-level problem (missing file or columns, non-UTF-8 bytes, malformed CSV,
 * damaged zip) is thrown as an ImportFileError before the first batch, because results.csv is read
 * through once before any of it is imported: a broken file imports nothing.
 */
export async function* readOneRosterImport(source: OneRosterSource, options: OneRosterImportOptions): AsyncGenerator<ImportBatch> {
  requireFiles(source);
  const references = await loadReferences(source);
  const totalRecords = await countResults(source);
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

async function countResults(source: OneRosterSource): Promise<number> {
  let records = 0;
  for await (const _row of readCsvRows(await source.open(RESULTS_FILE.name), RESULTS_FILE)) records += 1;
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
