import { ImportFileError, tooLarge } from '../domain';
import { CsvRow, readCsvRows } from './csv-rows';
import {
  CATEGORIES_FILE,
  CLASSES_FILE,
  COURSES_FILE,
  LINE_ITEMS_FILE,
  OneRosterFile,
  USERS_FILE,
} from './oneroster-files';
import { OneRosterSource } from './sources';

export interface LineItemRef {
  classSourcedId: string;
  categorySourcedId: string;
  resultValueMin: string;
  resultValueMax: string;
  /** `metadata.assessmentType`, an extension column that overrides the category mapping. */
  assessmentType: string;
}

export interface UserRef {
  identifier: string;
  program: string;
  yearOfStudy: string;
}

export interface ClassRef {
  classCode: string;
  courseSourcedId: string;
  program: string;
  yearOfStudy: string;
}

export interface CourseRef {
  courseCode: string;
}

export interface CategoryRef {
  title: string;
}

/** The small files results.csv points into, by sourcedId; an optional file the set lacks is undefined. */
export interface OneRosterReferences {
  lineItems: ReadonlyMap<string, LineItemRef>;
  users?: ReadonlyMap<string, UserRef>;
  classes?: ReadonlyMap<string, ClassRef>;
  courses?: ReadonlyMap<string, CourseRef>;
  categories?: ReadonlyMap<string, CategoryRef>;
}

/**
 * Longest value kept from a reference file: ids, codes, numbers and titles are far shorter, and the
 * tables are held in memory, so together with the row cap this bounds what an import can make the
 * service hold.
 */
export const MAX_REFERENCE_VALUE_CHARS = 256;

/** Loads lineItems.csv, which the caller has made sure the set has, and the optional files, each of at most `maxRows` records. */
export async function loadReferences(source: OneRosterSource, maxRows: number): Promise<OneRosterReferences> {
  const limits = { maxRows };
  return {
    lineItems: await loadTable(source, LINE_ITEMS_FILE, toLineItem, limits),
    users: await loadOptionalTable(source, USERS_FILE, toUser, limits),
    classes: await loadOptionalTable(source, CLASSES_FILE, toClass, limits),
    courses: await loadOptionalTable(source, COURSES_FILE, (row) => ({ courseCode: row.value('courseCode') }), limits),
    categories: await loadOptionalTable(source, CATEGORIES_FILE, (row) => ({ title: row.value('title') }), limits),
  };
}

function toLineItem(row: CsvRow): LineItemRef {
  return {
    classSourcedId: row.value('classSourcedId'),
    categorySourcedId: row.value('categorySourcedId'),
    resultValueMin: row.value('resultValueMin'),
    resultValueMax: row.value('resultValueMax'),
    assessmentType: row.value('metadata.assessmentType'),
  };
}

function toUser(row: CsvRow): UserRef {
  return {
    identifier: row.value('identifier'),
    program: row.value('metadata.program'),
    yearOfStudy: row.value('metadata.yearOfStudy'),
  };
}

function toClass(row: CsvRow): ClassRef {
  return {
    classCode: row.value('classCode'),
    courseSourcedId: row.value('courseSourcedId'),
    program: row.value('metadata.program'),
    yearOfStudy: row.value('metadata.yearOfStudy'),
  };
}

// Reference files are small and every result depends on them: a malformed row would silently
// misattribute or orphan grades, so it refuses the file set instead of being skipped.
async function loadTable<T extends object>(
  source: OneRosterSource,
  file: OneRosterFile,
  toEntry: (row: CsvRow) => T,
  { maxRows }: { maxRows: number },
): Promise<Map<string, T>> {
  const input = await source.open(file.name);
  const table = new Map<string, T>();
  for await (const row of readCsvRows(input, file)) {
    if (table.size >= maxRows) throw tooLarge('reference-rows', file.name, maxRows, `has more than ${maxRows} records`);
    const sourcedId = row.value('sourcedId');
    const entry = toEntry(row);
    const problem = row.widthProblem() ?? (sourcedId === '' ? 'has no sourcedId' : undefined) ?? overlongValue(sourcedId, entry);
    if (problem !== undefined) throw malformedRow(file, row.row, problem);
    if (table.has(sourcedId)) throw malformedRow(file, row.row, `repeats sourcedId ${sourcedId}`);
    table.set(sourcedId, entry);
  }
  return table;
}

function overlongValue(sourcedId: string, entry: object): string | undefined {
  const values: Array<[string, unknown]> = [['sourcedId', sourcedId], ...Object.entries(entry)];
  const overlong = values.find(([, value]) => typeof value === 'string' && value.length > MAX_REFERENCE_VALUE_CHARS);
  return overlong && `has a value longer than ${MAX_REFERENCE_VALUE_CHARS} characters in ${EXTENSION_COLUMNS[overlong[0]] ?? overlong[0]}`;
}

// Entry fields read from the binding's metadata.* extension columns, by the column they come from.
const EXTENSION_COLUMNS: Readonly<Record<string, string>> = {
  program: 'metadata.program',
  yearOfStudy: 'metadata.yearOfStudy',
  assessmentType: 'metadata.assessmentType',
};

async function loadOptionalTable<T extends object>(
  source: OneRosterSource,
  file: OneRosterFile,
  toEntry: (row: CsvRow) => T,
  limits: { maxRows: number },
): Promise<Map<string, T> | undefined> {
  return source.has(file.name) ? loadTable(source, file, toEntry, limits) : undefined;
}

function malformedRow(file: OneRosterFile, row: number, problem: string): ImportFileError {
  return new ImportFileError({ code: 'malformed-row', file: file.name, row, message: `${file.name} row ${row} ${problem}` });
}
