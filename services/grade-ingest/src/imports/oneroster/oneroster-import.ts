import { GradeValidationOptions } from '../../grades/domain';
import { DEFAULT_IMPORT_LIMITS, ImportBatch, ImportFileError, ImportLimits, tooLarge } from '../domain';
import { readCsvRows } from './csv-rows';
import { BundleInfo, FileMode, readBundleInfo } from './manifest';
import { LINE_ITEMS_FILE, RESULTS_FILE } from './oneroster-files';
import { isPlaced, programOf, yearOf } from './placement';
import { loadReferences, OneRosterReferences } from './references';
import { isRejection, mapResultRow, OneRosterMapping, unplacedProgramReason, UNPLACED_YEAR_REASON } from './result-mapping';
import { resolveRowReferences } from './row-references';
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
  const info = await readBundleInfo(source);
  requireFiles(source, info);
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const references = await loadReferences(source, limits.maxReferenceRows, info);
  const totalRecords = await checkResults(source, references, options, limits.maxResultRows);
  yield* resultBatches(source, references, options, totalRecords, info.modes.get(RESULTS_FILE.name) ?? 'bulk');
}

/** The version and file modes of a set, as the import reads them (manifest.csv, else the headers). */
export async function readOneRosterBundleInfo(source: OneRosterSource): Promise<BundleInfo> {
  return readBundleInfo(source);
}

function requireFiles(source: OneRosterSource, info?: BundleInfo): void {
  const present = (name: string) => (info === undefined ? source.has(name) : info.modes.has(name));
  const missing = [RESULTS_FILE, LINE_ITEMS_FILE].filter((file) => !present(file.name)).map((file) => file.name);
  if (missing.length === 0) return;
  throw new ImportFileError({
    code: 'missing-file',
    file: missing[0],
    message: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} ${info === undefined ? 'missing' : 'listed as absent in manifest.csv'}; a OneRoster grade import needs results.csv and lineItems.csv`,
  });
}

/**
 * The check pass reads every record before any is imported, so a file over the cap records
 * nothing; and when no row at all can be placed in a programme or a year, the set is refused with
 * one error naming the mapping to set, rather than every row rejected for the same reason.
 */
async function checkResults(source: OneRosterSource, references: OneRosterReferences, options: OneRosterImportOptions, maxRows: number): Promise<number> {
  const mapping = options.mapping ?? {};
  const knownPrograms = options.validation.knownPrograms;
  let records = 0;
  let programmes = 0;
  let years = 0;
  const orgs = new Set<string>();
  for await (const row of readCsvRows(await source.open(RESULTS_FILE.name), RESULTS_FILE)) {
    records += 1;
    if (records > maxRows) throw tooLarge('result-rows', RESULTS_FILE.name, maxRows, `has more than ${maxRows} records`);
    if (programmes > 0 && years > 0) continue;
    const refs = resolveRowReferences(row, references);
    const placement = programOf(refs, references, mapping, knownPrograms);
    if (isPlaced(placement)) programmes += 1;
    else placement.orgs.forEach((org) => orgs.add(org));
    if (yearOf(refs, isPlaced(placement) ? placement.text.toUpperCase() : undefined, mapping) !== undefined) years += 1;
  }
  if (records > 0 && programmes === 0) throw unplaced('unmapped-programme', `no result row of ${RESULTS_FILE.name} can be placed in a programme: ${unplacedProgramReason([...orgs])}`);
  if (records > 0 && years === 0) throw unplaced('unmapped-year', `no result row of ${RESULTS_FILE.name} has a year of study: ${UNPLACED_YEAR_REASON}`);
  return records;
}

function unplaced(code: 'unmapped-programme' | 'unmapped-year', message: string): ImportFileError {
  return new ImportFileError({ code, file: RESULTS_FILE.name, message });
}

async function* resultBatches(
  source: OneRosterSource,
  references: OneRosterReferences,
  { validation, mapping = {}, batchSize = DEFAULT_BATCH_SIZE, resumeAfterRow = 0 }: OneRosterImportOptions,
  totalRecords: number,
  mode: FileMode,
): AsyncGenerator<ImportBatch> {
  let batch = emptyBatch(totalRecords);
  for await (const row of readCsvRows(await source.open(RESULTS_FILE.name), RESULTS_FILE)) {
    if (row.row <= resumeAfterRow) continue;
    const outcome = mapResultRow(row, references, mapping, validation, { mode });
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
