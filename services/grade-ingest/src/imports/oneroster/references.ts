import { ImportFileError } from '../domain';
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

/** Loads lineItems.csv, which the caller has made sure the set has, and the optional files. */
export async function loadReferences(source: OneRosterSource): Promise<OneRosterReferences> {
  return {
    lineItems: await loadTable(source, LINE_ITEMS_FILE, toLineItem),
    users: await loadOptionalTable(source, USERS_FILE, toUser),
    classes: await loadOptionalTable(source, CLASSES_FILE, toClass),
    courses: await loadOptionalTable(source, COURSES_FILE, (row) => ({ courseCode: row.value('courseCode') })),
    categories: await loadOptionalTable(source, CATEGORIES_FILE, (row) => ({ title: row.value('title') })),
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
async function loadTable<T>(source: OneRosterSource, file: OneRosterFile, toEntry: (row: CsvRow) => T): Promise<Map<string, T>> {
  const input = await source.open(file.name);
  const table = new Map<string, T>();
  for await (const row of readCsvRows(input, file)) {
    const sourcedId = row.value('sourcedId');
    const problem = row.widthProblem() ?? (sourcedId === '' ? 'has no sourcedId' : undefined);
    if (problem !== undefined) throw malformedRow(file, row.row, problem);
    if (table.has(sourcedId)) throw malformedRow(file, row.row, `repeats sourcedId ${sourcedId}`);
    table.set(sourcedId, toEntry(row));
  }
  return table;
}

async function loadOptionalTable<T>(
  source: OneRosterSource,
  file: OneRosterFile,
  toEntry: (row: CsvRow) => T,
): Promise<Map<string, T> | undefined> {
  return source.has(file.name) ? loadTable(source, file, toEntry) : undefined;
}

function malformedRow(file: OneRosterFile, row: number, problem: string): ImportFileError {
  return new ImportFileError({ code: 'malformed-row', file: file.name, row, message: `${file.name} row ${row} ${problem}` });
}
