import { FieldProblem, validatePayload } from '@mentoring/contracts';

/** One row of an import, as sent (JSON) or read (CSV), with what was already wrong with its cells. */
export interface ImportRow {
  /** The CSV row (header = 1), or the position in a JSON array counting from 1. */
  readonly row: number;
  readonly value: unknown;
  readonly problems: readonly FieldProblem[];
}

export interface RejectedRow {
  readonly row: number;
  readonly id: string | null;
  readonly problems: FieldProblem[];
}

export interface AcceptedRow<T> {
  readonly row: number;
  readonly value: T;
}

export interface ValidatedRows<T> {
  readonly accepted: AcceptedRow<T>[];
  readonly rejected: RejectedRow[];
}

export interface RowRules<T> {
  /** The field naming the person, for duplicates and for the report. */
  readonly idField: keyof T & string;
  /** Rules beyond the row class: schedules, time zones. */
  readonly problemsOf: (row: T) => FieldProblem[];
}

/** The rows of a JSON array, numbered from 1. */
export function rowsFromJson(values: readonly unknown[]): ImportRow[] {
  return values.map((value, index) => ({ row: index + 1, value, problems: [] }));
}

/**
 * Every problem of every row at once; good rows are kept whatever is wrong with the others. A
 * second row with an id seen before is refused, so a file cannot say two things about one person.
 */
export function validateImportRows<T extends object>(rows: readonly ImportRow[], rowClass: new () => T, rules: RowRules<T>): ValidatedRows<T> {
  const accepted: AcceptedRow<T>[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const result = validatePayload(rowClass, row.value);
    const unreadable = new Set(row.problems.map((problem) => problem.field));
    const problems = [
      ...row.problems,
      ...(result.ok ? rules.problemsOf(result.value) : result.problems.filter((problem) => !unreadable.has(problem.field.split('.')[0]))),
    ];
    const id = idIn(row.value, rules.idField);
    if (id !== null && seen.has(id)) problems.push({ field: '(row)', problem: `repeats ${id} from an earlier row` });
    if (id !== null) seen.add(id);
    if (result.ok && problems.length === 0) accepted.push({ row: row.row, value: result.value });
    else rejected.push({ row: row.row, id, problems });
  }
  return { accepted, rejected };
}

// Read from the row as sent, so even a rejected row is named in the report when it can be.
function idIn(value: unknown, idField: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const candidate = (value as Record<string, unknown>)[idField];
  return typeof candidate === 'string' && candidate !== '' ? candidate : null;
}
