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
  return new Map(header.map((name, index) => [name, index]));
}

function missingColumns(file: OneRosterFile, missing: readonly string[], header: readonly string[]): ImportFileError {
  const found = header.length > 0 ? `; its header is: ${header.join(', ')}` : '; the file is empty';
  return new ImportFileError({
    code: 'missing-columns',
    file: file.name,
    line: 1,
    message: `${file.name} is missing required columns: ${missing.join(', ')}${found}${caseHints(missing, header)}`,
  });
}

// OneRoster column names are case-sensitive; "ScoreDate" is the commonest way to miss "scoreDate".
function caseHints(missing: readonly string[], header: readonly string[]): string {
  const hints = missing.flatMap((column) => {
    const lookalike = header.find((name) => name.toLowerCase() === column.toLowerCase());
    return lookalike === undefined ? [] : [`"${lookalike}" should be spelled "${column}"`];
  });
  return hints.length > 0 ? ` (column names are case-sensitive: ${hints.join('; ')})` : '';
}

function asFileError(error: unknown, file: string): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error['lines'] === 'number' ? error['lines'] : undefined;
  return new ImportFileError({ code: 'malformed-csv', file, line, message: `${file} is not well-formed CSV: ${error.message}` }, { cause: error });
}
