import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImportFileError } from '../domain';
import { OneRosterFile } from './oneroster-files';
import { utf8Guard } from './utf8-guard';

// csv-parse refuses longer records, which also stops a stray quote from swallowing the whole file.
const MAX_RECORD_CHARS = 64 * 1024;

/** One record of a CSV file, read by column name. */
export class CsvRow {
  constructor(
    /** Spreadsheet row: the header is row 1; a record with a quoted line break is still one row. */
    readonly row: number,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly fields: readonly string[],
  ) {}

  /** The field under `column`, or '' when the file has no such column or the row is short. */
  value(column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (this.fields[index] ?? '');
  }

  /** Why the row's fields cannot be trusted to line up with the header, if they cannot. */
  widthProblem(): string | undefined {
    if (this.fields.length === this.columns.size) return undefined;
    return `has ${this.fields.length} fields but the header has ${this.columns.size} columns`;
  }
}

/**
 * Streams the records of a CSV file after checking its bytes are UTF-8 and its header has the
 * required columns. Blank lines are skipped but still counted, so row numbers match a spreadsheet.
 */
export async function* readCsvRows(input: Readable, file: OneRosterFile): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, trim: true, relax_column_count: true, max_record_size: MAX_RECORD_CHARS });
  // A failure at any stage destroys the parser with that error, so it surfaces through the loop
  // below; the pipeline's own promise is only observed to keep it from going unhandled.
  pipeline(input, utf8Guard(file.name, MAX_RECORD_CHARS * 4), parser).catch(() => undefined);
  let columns: ReadonlyMap<string, number> | undefined;
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row += 1;
      if (columns === undefined) columns = headerColumns(fields, file);
      else if (!isBlank(fields)) yield new CsvRow(row, columns, fields);
    }
  } catch (error) {
    throw asFileError(error, file.name);
  }
  if (columns === undefined) throw missingColumns(file, file.requiredColumns, []);
}

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

function headerColumns(header: readonly string[], file: OneRosterFile): ReadonlyMap<string, number> {
  const duplicated = header.filter((name, index) => name !== '' && header.indexOf(name) !== index);
  if (duplicated.length > 0) {
    throw new ImportFileError({
      code: 'duplicate-columns',
      file: file.name,
      line: 1,
      message: `${file.name} has the column ${[...new Set(duplicated)].join(', ')} more than once`,
    });
  }
  const missing = file.requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) throw missingColumns(file, missing, header);
  checkBindingColumns(header, file);
  return new Map(header.map((name, index) => [name, index]));
}

/**
 * A column that is almost one of the binding's (a typo, another case) would be read as an
 * extension and its data silently ignored, so it refuses the file with the likely intended name.
 * Extension columns must follow the binding's own, as the binding says.
 */
function checkBindingColumns(header: readonly string[], file: OneRosterFile): void {
  const binding = file.bindingColumns;
  if (binding === undefined) return;
  const misspelled = header.flatMap((name) => {
    if (binding.includes(name) || name.startsWith('metadata.')) return [];
    const intended = nearMiss(name, binding.filter((column) => !header.includes(column)));
    return intended === undefined ? [] : [`"${name}" (did you mean "${intended}"?)`];
  });
  if (misspelled.length > 0) {
    throw new ImportFileError({
      code: 'unknown-columns',
      file: file.name,
      line: 1,
      message: `${file.name} has columns the OneRoster binding does not define: ${misspelled.join(', ')}; column names are case-sensitive`,
    });
  }
  const firstExtension = header.findIndex((name) => !binding.includes(name));
  const misplaced = firstExtension < 0 ? [] : header.slice(firstExtension).filter((name) => binding.includes(name));
  if (misplaced.length > 0) {
    throw new ImportFileError({
      code: 'misplaced-columns',
      file: file.name,
      line: 1,
      message:
        `${file.name} has the binding's column ${misplaced.join(', ')} to the right of the extension column "${header[firstExtension]}"; ` +
        'extension columns go after all of the binding\'s columns',
    });
  }
}

function missingColumns(file: OneRosterFile, missing: readonly string[], header: readonly string[]): ImportFileError {
  const found = header.length > 0 ? `; its header is: ${header.join(', ')}` : '; the file is empty';
  return new ImportFileError({
    code: 'missing-columns',
    file: file.name,
    line: 1,
    message: `${file.name} is missing required columns: ${missing.join(', ')}${found}${spellingHints(missing, header)}`,
  });
}

// OneRoster column names are case-sensitive; "ScoreDate" is the commonest way to miss "scoreDate", a dropped letter the next.
function spellingHints(missing: readonly string[], header: readonly string[]): string {
  const unknown = header.filter((name) => !missing.includes(name));
  const hints = missing.flatMap((column) => {
    const lookalike = unknown.find((name) => name.toLowerCase() === column.toLowerCase()) ?? nearMiss(column, unknown);
    return lookalike === undefined ? [] : [`"${lookalike}" should be spelled "${column}"`];
  });
  return hints.length > 0 ? ` (column names are case-sensitive: ${hints.join('; ')})` : '';
}

/** The candidate `name` most likely stands for: the same but for case, or at most two edits away. */
export function nearMiss(name: string, candidates: readonly string[]): string | undefined {
  const sameButCase = candidates.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (sameButCase !== undefined) return sameButCase;
  if (name.length < 5) return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function asFileError(error: unknown, file: string): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error['lines'] === 'number' ? error['lines'] : undefined;
  return new ImportFileError({ code: 'malformed-csv', file, line, message: `${file} is not well-formed CSV: ${error.message}` }, { cause: error });
}
