import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '@mentoring/contracts';
import { Cell } from './csv-cells';
import { ImportRow } from './import-rows';

/** A CSV record by column name, with the spreadsheet row it ends on (the header is row 1). */
export interface CsvRecord {
  readonly row: number;
  readonly fields: Readonly<Record<string, string>>;
}

/** Throws csv-parse's CsvError for a malformed file (unbalanced quotes, a row of the wrong width). */
export function parseCsvRecords(text: string): CsvRecord[] {
  const parsed: Array<{ record: Record<string, string>; info: { lines: number } }> = parse(text, {
    columns: (header: string[]) => header.map((column) => column.trim()),
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
  });
  return parsed.map(({ record, info }) => ({ row: info.lines, fields: record }));
}

/** How each column becomes a field of a row; a blank cell leaves the field out. */
export type ColumnReaders = Readonly<Record<string, (text: string) => Cell<unknown>>>;

/** A CSV record as the same plain row a JSON import sends, with the cells that could not be read. */
export function rowFromCsv(record: CsvRecord, readers: ColumnReaders): ImportRow {
  const value: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [column, read] of Object.entries(readers)) {
    const text = record.fields[column] ?? '';
    const cell = read(text);
    if ('problem' in cell) problems.push({ field: column, problem: cell.problem });
    else if (text !== '' || cell.value !== undefined) value[column] = cell.value;
  }
  return { row: record.row, value, problems };
}

/** A column kept as text; blank means absent. */
export function textCell(text: string): Cell<string | undefined> {
  return { value: text === '' ? undefined : text };
}
