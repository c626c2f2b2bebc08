import { ImportFileError, tooLarge } from '../domain';
import { CsvRow, readCsvRows } from './csv-rows';
import {
  CATEGORIES_FILE,
  CLASSES_FILE,
  COURSES_FILE,
  ENROLLMENTS_FILE,
  LINE_ITEM_SCORE_SCALES_FILE,
  LINE_ITEMS_FILE,
  OneRosterFile,
  ORGS_FILE,
  RESULT_SCORE_SCALES_FILE,
  ROLES_FILE,
  SCORE_SCALES_FILE,
  USERS_FILE,
} from './oneroster-files';
import { BundleInfo, included } from './manifest';
import { OneRosterSource } from './sources';

export interface LineItemRef {
  classSourcedId: string;
  categorySourcedId: string;
  resultValueMin: string;
  resultValueMax: string;
  scoreScaleSourcedId: string;
  /** `metadata.assessmentType`, an extension column that overrides the category mapping. */
  assessmentType: string;
}

/** A users.csv row: what places a student, and the directory data (names, email) the set carries. */
export interface UserRef {
  identifier: string;
  /** `metadata.program` / `metadata.yearOfStudy`, extension columns that override the org hierarchy. */
  program: string;
  yearOfStudy: string;
  /** CEDS grade levels; a whole number 1-10 is read as the year of study. */
  grades: string;
  primaryOrgSourcedId: string;
  /** 1.1 only: the user's orgs, comma-separated. */
  orgSourcedIds: string;
  givenName: string;
  familyName: string;
  preferredGivenName: string;
  preferredFamilyName: string;
  email: string;
}

export interface ClassRef {
  classCode: string;
  courseSourcedId: string;
  schoolSourcedId: string;
  program: string;
  yearOfStudy: string;
}

export interface CourseRef {
  courseCode: string;
  orgSourcedId: string;
}

export interface CategoryRef {
  title: string;
  weight: string;
}

export interface OrgRef {
  name: string;
  identifier: string;
  type: string;
  parentSourcedId: string;
}

/** A score scale: text scores and the number each stands for; `max` is the highest. */
export interface ScoreScaleRef {
  values: ReadonlyMap<string, number>;
  max: number;
}

/** The small files results.csv points into, by sourcedId; an optional file the set lacks is undefined. */
export interface OneRosterReferences {
  lineItems: ReadonlyMap<string, LineItemRef>;
  users?: ReadonlyMap<string, UserRef>;
  classes?: ReadonlyMap<string, ClassRef>;
  courses?: ReadonlyMap<string, CourseRef>;
  categories?: ReadonlyMap<string, CategoryRef>;
  orgs?: ReadonlyMap<string, OrgRef>;
  /** roles.csv: the orgs of each user's student roles, primary role first. */
  studentOrgs?: ReadonlyMap<string, readonly string[]>;
  scoreScales?: ReadonlyMap<string, ScoreScaleRef>;
  /** lineItemScoreScales.csv: line item -> score scale. */
  lineItemScales?: ReadonlyMap<string, string>;
  /** resultScoreScales.csv: result -> score scale. */
  resultScales?: ReadonlyMap<string, string>;
  /** enrollments.csv (read for the directory only): the classes each user is enrolled in as a student. */
  studentClasses?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Longest value kept from a reference file: ids, codes, numbers and titles are far shorter, and the
 * tables are held in memory, so together with the row cap this bounds what an import can make the
 * service hold.
 */
export const MAX_REFERENCE_VALUE_CHARS = 256;

/** Loads lineItems.csv, which the caller has made sure the set has, and the optional files the bundle includes, each of at most `maxRows` records. */
export async function loadReferences(source: OneRosterSource, maxRows: number, info?: BundleInfo): Promise<OneRosterReferences> {
  const limits = { maxRows };
  const has = (file: OneRosterFile) => (info === undefined ? source.has(file.name) : included(info, file));
  const optional = <T extends object>(file: OneRosterFile, toEntry: (row: CsvRow) => T, key?: string) =>
    has(file) ? loadTable(source, file, toEntry, limits, key) : Promise.resolve(undefined);
  const roles = await optional(ROLES_FILE, toRole);
  const scales = await optional(SCORE_SCALES_FILE, (row) => ({ scoreScaleValue: row.value('scoreScaleValue') }));
  return {
    lineItems: await loadTable(source, LINE_ITEMS_FILE, toLineItem, limits),
    users: await optional(USERS_FILE, toUser),
    classes: await optional(CLASSES_FILE, toClass),
    courses: await optional(COURSES_FILE, toCourse),
    categories: await optional(CATEGORIES_FILE, (row) => ({ title: row.value('title'), weight: row.value('weight') })),
    orgs: await optional(ORGS_FILE, toOrg),
    studentOrgs: roles && studentOrgsOf(roles.values()),
    scoreScales: scales && scoreScalesOf(scales),
    lineItemScales: await optional(LINE_ITEM_SCORE_SCALES_FILE, (row) => ({ scale: row.value('scoreScaleSourcedId') }), 'lineItemSourcedId').then(
      (table) => table && new Map([...table].map(([id, { scale }]) => [id, scale])),
    ),
    resultScales: await optional(RESULT_SCORE_SCALES_FILE, (row) => ({ scale: row.value('scoreScaleSourcedId') }), 'resultSourcedId').then(
      (table) => table && new Map([...table].map(([id, { scale }]) => [id, scale])),
    ),
  };
}

/** Only what places people: users.csv, orgs.csv and roles.csv of the files the bundle includes (no grade files needed). */
export async function loadDirectoryReferences(source: OneRosterSource, maxRows: number, info: BundleInfo): Promise<OneRosterReferences> {
  const limits = { maxRows };
  const optional = <T extends object>(file: OneRosterFile, toEntry: (row: CsvRow) => T) =>
    included(info, file) ? loadTable(source, file, toEntry, limits) : Promise.resolve(undefined);
  const roles = await optional(ROLES_FILE, toRole);
  const enrollments = await optional(ENROLLMENTS_FILE, (row) => ({ userSourcedId: row.value('userSourcedId'), classSourcedId: row.value('classSourcedId'), role: row.value('role') }));
  return {
    lineItems: new Map(),
    users: await optional(USERS_FILE, toUser),
    orgs: await optional(ORGS_FILE, toOrg),
    studentOrgs: roles && studentOrgsOf(roles.values()),
    // A student whose own orgs name no programme is placed by the course of a class they attend.
    classes: enrollments && (await optional(CLASSES_FILE, toClass)),
    courses: enrollments && (await optional(COURSES_FILE, toCourse)),
    studentClasses: enrollments && studentClassesOf(enrollments.values()),
  };
}

function studentClassesOf(enrollments: Iterable<{ userSourcedId: string; classSourcedId: string; role: string }>): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const { userSourcedId, classSourcedId, role } of enrollments) {
    if (role !== 'student' || classSourcedId === '') continue;
    byUser.set(userSourcedId, [...(byUser.get(userSourcedId) ?? []), classSourcedId]);
  }
  return byUser;
}

function toCourse(row: CsvRow): CourseRef {
  return { courseCode: row.value('courseCode'), orgSourcedId: row.value('orgSourcedId') };
}

function toRole(row: CsvRow): RoleRow {
  return { userSourcedId: row.value('userSourcedId'), role: row.value('role'), roleType: row.value('roleType'), orgSourcedId: row.value('orgSourcedId') };
}

function toOrg(row: CsvRow): OrgRef {
  return { name: row.value('name'), identifier: row.value('identifier'), type: row.value('type'), parentSourcedId: row.value('parentSourcedId') };
}

function toLineItem(row: CsvRow): LineItemRef {
  return {
    classSourcedId: row.value('classSourcedId'),
    categorySourcedId: row.value('categorySourcedId'),
    resultValueMin: row.value('resultValueMin'),
    resultValueMax: row.value('resultValueMax'),
    scoreScaleSourcedId: row.value('scoreScaleSourcedId'),
    assessmentType: row.value('metadata.assessmentType'),
  };
}

function toUser(row: CsvRow): UserRef {
  return {
    identifier: row.value('identifier'),
    program: row.value('metadata.program'),
    yearOfStudy: row.value('metadata.yearOfStudy'),
    grades: row.value('grades'),
    primaryOrgSourcedId: row.value('primaryOrgSourcedId'),
    orgSourcedIds: row.value('orgSourcedIds'),
    givenName: row.value('givenName'),
    familyName: row.value('familyName'),
    preferredGivenName: row.value('preferredGivenName'),
    preferredFamilyName: row.value('preferredFamilyName'),
    email: row.value('email'),
  };
}

function toClass(row: CsvRow): ClassRef {
  return {
    classCode: row.value('classCode'),
    courseSourcedId: row.value('courseSourcedId'),
    schoolSourcedId: row.value('schoolSourcedId'),
    program: row.value('metadata.program'),
    yearOfStudy: row.value('metadata.yearOfStudy'),
  };
}

interface RoleRow {
  userSourcedId: string;
  role: string;
  roleType: string;
  orgSourcedId: string;
}

// A student's primary role names the org that enrols them; secondary ones follow as fallbacks.
function studentOrgsOf(roles: Iterable<RoleRow>): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const role of roles) {
    if (role.role !== 'student' || role.orgSourcedId === '') continue;
    const orgs = byUser.get(role.userSourcedId) ?? [];
    if (role.roleType === 'primary') orgs.unshift(role.orgSourcedId);
    else orgs.push(role.orgSourcedId);
    byUser.set(role.userSourcedId, orgs);
  }
  return byUser;
}

function scoreScalesOf(rows: ReadonlyMap<string, { scoreScaleValue: string }>): Map<string, ScoreScaleRef> {
  const scales = new Map<string, ScoreScaleRef>();
  for (const [id, { scoreScaleValue }] of rows) {
    const values = parseScoreScaleValue(scoreScaleValue);
    if (values === undefined || values.size === 0) {
      throw new ImportFileError({
        code: 'malformed-row',
        file: SCORE_SCALES_FILE.name,
        message: `scoreScales.csv scale ${id} has the scoreScaleValue "${scoreScaleValue}"; write it as text:number pairs, e.g. "A:4,B:3,C:2"`,
      });
    }
    scales.set(id, { values, max: Math.max(...values.values()) });
  }
  return scales;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Reads "A:4,B:3" (also with ; between pairs, = for :, or wrapped in [] or {}) as text -> number. */
export function parseScoreScaleValue(text: string): Map<string, number> | undefined {
  const values = new Map<string, number>();
  const body = text.trim().replace(/^[[{(]+|[\]})]+$/g, '');
  for (const pair of body.split(/[,;]/)) {
    const separator = Math.max(pair.lastIndexOf(':'), pair.lastIndexOf('='));
    if (separator <= 0) return undefined;
    const label = pair.slice(0, separator).trim().replace(/^[{"]+|["}]+$/g, '');
    const value = pair.slice(separator + 1).trim().replace(/^"+|["}]+$/g, '');
    if (label === '' || !DECIMAL.test(value)) return undefined;
    values.set(label, Number(value));
  }
  return values;
}

// Reference files are small and every result depends on them: a malformed row would silently
// misattribute or orphan grades, so it refuses the file set instead of being skipped.
async function loadTable<T extends object>(
  source: OneRosterSource,
  file: OneRosterFile,
  toEntry: (row: CsvRow) => T,
  { maxRows }: { maxRows: number },
  key = 'sourcedId',
): Promise<Map<string, T>> {
  const input = await source.open(file.name);
  const table = new Map<string, T>();
  for await (const row of readCsvRows(input, file)) {
    if (table.size >= maxRows) throw tooLarge('reference-rows', file.name, maxRows, `has more than ${maxRows} records`);
    const sourcedId = row.value(key);
    const entry = toEntry(row);
    const problem = row.widthProblem() ?? (sourcedId === '' ? `has no ${key}` : undefined) ?? overlongValue(sourcedId, entry);
    if (problem !== undefined) throw malformedRow(file, row.row, problem);
    if (table.has(sourcedId)) throw malformedRow(file, row.row, `repeats ${key} ${sourcedId}`);
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

function malformedRow(file: OneRosterFile, row: number, problem: string): ImportFileError {
  return new ImportFileError({ code: 'malformed-row', file: file.name, row, message: `${file.name} row ${row} ${problem}` });
}
