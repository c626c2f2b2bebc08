import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Ways a results.csv row can be wrong, each rejected at a known column. */
export const MALFORMED_KINDS = {
  'score-above-max': 'score',
  'negative-score': 'score',
  'score-not-a-number': 'score',
  'unknown-student': 'studentSourcedId',
  'unknown-line-item': 'lineItemSourcedId',
  'future-score-date': 'scoreDate',
  'unknown-score-status': 'scoreStatus',
  'missing-fields': '(row)',
} as const;

export type MalformedKind = keyof typeof MALFORMED_KINDS;

export interface FixtureOptions {
  /** Rows of results.csv. */
  results?: number;
  lineItems?: number;
  /** Every n-th result row is malformed, cycling through MALFORMED_KINDS. */
  malformedEvery?: number;
  /** Where programme and year of study are given: users.csv (default) or classes.csv metadata columns. */
  studentAttributesIn?: 'users' | 'classes';
  /** Optional files to leave out of the set. */
  omit?: ReadonlyArray<'users.csv' | 'classes.csv' | 'courses.csv' | 'categories.csv' | 'academicSessions.csv'>;
}

export interface OneRosterFixture {
  /** OneRoster file name -> path, as `fileSource` takes them. */
  files: Record<string, string>;
  resultRows: number;
  malformedRows: Array<{ row: number; kind: MalformedKind; column: string }>;
}

interface Course {
  sourcedId: string;
  code: string;
  title: string;
  program: string;
  year: number;
}

const COURSES: readonly Course[] = [
  { sourcedId: 'crs-anat101', code: 'ANAT101', title: 'Human Anatomy I', program: 'MBBS', year: 1 },
  { sourcedId: 'crs-phys102', code: 'PHYS102', title: 'Physiology', program: 'MBBS', year: 1 },
  { sourcedId: 'crs-path201', code: 'PATH201', title: 'Pathology', program: 'MD', year: 2 },
  { sourcedId: 'crs-phar202', code: 'PHAR202', title: 'Pharmacology', program: 'MD', year: 2 },
  { sourcedId: 'crs-bioc110', code: 'BIOC110', title: 'Biomedical Chemistry', program: 'BBMS', year: 1 },
  { sourcedId: 'crs-dent120', code: 'DENT120', title: 'Clinical Dental Practice', program: 'HDPCS', year: 1 },
];

const PROGRAM_YEARS: Record<string, number> = { MBBS: 6, MD: 4, BBMS: 3, HDPCS: 2 };
const GIVEN_NAMES = ['Aisha', 'Zoë', 'Rahul', 'Nguyễn', 'Chloé', 'Kwame', 'Siobhán', 'Mei', 'José', 'Olúwaseun'];
const MAX_SCORES = [100, 50, 20, 60];
const ASSESSMENTS = ['midterm', 'quiz', 'OSCE', 'final'];
const TERM = 'as-2025-s1';

/**
 * Writes a deterministic OneRoster 1.2 CSV file set into `dir`: manifest, academic sessions,
 * courses, classes, categories, users, line items and a results.csv streamed to disk, so a set of
 * 100,000 results costs no more memory than one of ten.
 */
export async function writeOneRosterFixture(dir: string, options: FixtureOptions = {}): Promise<OneRosterFixture> {
  const resultCount = options.results ?? 200;
  const lineItemCount = options.lineItems ?? 12;
  const studentCount = Math.max(1, Math.ceil(resultCount / lineItemCount));
  const attributesIn = options.studentAttributesIn ?? 'users';
  const omitted = new Set<string>(options.omit ?? []);
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  const write = async (name: string, header: readonly string[], rows: Iterable<readonly string[]>) => {
    if (omitted.has(name)) return;
    files[name] = join(dir, name);
    await writeCsv(files[name], header, rows);
  };

  await writeFile(join(dir, 'manifest.csv'), manifest(omitted));
  await write('academicSessions.csv', ACADEMIC_SESSION_COLUMNS, academicSessionRows());
  await write('courses.csv', COURSE_COLUMNS, COURSES.map(courseRow));
  await write('classes.csv', CLASS_COLUMNS, COURSES.map((course) => classRow(course, attributesIn === 'classes')));
  await write('categories.csv', CATEGORY_COLUMNS, [
    ['cat-sum', 'active', MODIFIED, 'Summative', '0.7'],
    ['cat-form', 'active', MODIFIED, 'Formative', '0.3'],
  ]);
  await write('users.csv', USER_COLUMNS, range(studentCount, (i) => userRow(i, attributesIn === 'users')));
  await write('lineItems.csv', LINE_ITEM_COLUMNS, range(lineItemCount, lineItemRow));
  const malformedRows: OneRosterFixture['malformedRows'] = [];
  await write('results.csv', RESULT_COLUMNS, resultRows(resultCount, lineItemCount, options.malformedEvery, malformedRows));
  return { files, resultRows: resultCount, malformedRows };
}

const MODIFIED = '2025-03-20T08:00:00.000Z';

const ACADEMIC_SESSION_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'];
const COURSE_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'];
const CLASS_COLUMNS = [
  'sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location',
  'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods', 'metadata.program', 'metadata.yearOfStudy',
];
const CATEGORY_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'title', 'weight'];
const USER_COLUMNS = [
  'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName',
  'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier',
  'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
  'metadata.program', 'metadata.yearOfStudy',
];
const LINE_ITEM_COLUMNS = [
  'sourcedId', 'status', 'dateLastModified', 'title', 'description', 'assignDate', 'dueDate', 'classSourcedId',
  'categorySourcedId', 'academicSessionSourcedId', 'resultValueMin', 'resultValueMax', 'schoolSourcedId', 'metadata.assessmentType',
];
const RESULT_COLUMNS = [
  'sourcedId', 'status', 'dateLastModified', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'score', 'scoreDate',
  'comment', 'textScore', 'classSourcedId', 'inProgress', 'incomplete', 'late', 'missing',
];

function manifest(omitted: ReadonlySet<string>): string {
  const mode = (file: string) => (omitted.has(file) ? 'absent' : 'bulk');
  const rows = [
    ['manifest.version', '1.0'],
    ['oneroster.version', '1.2'],
    ...['academicSessions', 'categories', 'classes', 'courses', 'lineItems', 'results', 'users'].map((name) => [`file.${name}`, mode(`${name}.csv`)]),
    ...['classResources', 'courseResources', 'demographics', 'enrollments', 'orgs', 'resources'].map((name) => [`file.${name}`, 'absent']),
    ['source.systemName', 'Registrar SIS'],
  ];
  return ['propertyName,value', ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n';
}

function academicSessionRows(): string[][] {
  return [
    ['as-2025', 'active', MODIFIED, '2025', 'schoolYear', '2025-01-06', '2025-12-19', '', '2025'],
    [TERM, 'active', MODIFIED, 'Semester 1 2025', 'semester', '2025-01-06', '2025-06-27', 'as-2025', '2025'],
  ];
}

function courseRow(course: Course): string[] {
  return [course.sourcedId, 'active', MODIFIED, 'as-2025', course.title, course.code, '', 'org-med', '', ''];
}

function classRow(course: Course, withAttributes: boolean): string[] {
  return [
    classId(course), 'active', MODIFIED, `${course.title} (S1 2025)`, '', course.sourcedId, `${course.code}-S1-2025`,
    'scheduled', 'Lecture Theatre 2', 'org-med', TERM, '', '', '',
    withAttributes ? course.program : '', withAttributes ? String(course.year) : '',
  ];
}

function classId(course: Course): string {
  return `cls-${course.code.toLowerCase()}-s1-2025`;
}

function userRow(index: number, withAttributes: boolean): string[] {
  const program = Object.keys(PROGRAM_YEARS)[index % 4];
  const year = 1 + (Math.floor(index / 4) % PROGRAM_YEARS[program]);
  const given = GIVEN_NAMES[index % GIVEN_NAMES.length];
  const family = `Student${pad(index + 1, 5)}`;
  return [
    userId(index), 'active', MODIFIED, 'true', `${given.toLowerCase()}.${family.toLowerCase()}`, '', given, family, '',
    `S${pad(index + 1, 6)}`, `${family.toLowerCase()}@students.example.edu`, '', '', '', '', '', '', '', '', '', 'org-med', '',
    withAttributes ? program : '', withAttributes ? String(year) : '',
  ];
}

function userId(index: number): string {
  return `usr-${pad(index + 1, 5)}`;
}

function lineItemRow(index: number): string[] {
  const course = COURSES[index % COURSES.length];
  const assessment = ASSESSMENTS[index % ASSESSMENTS.length];
  const summative = assessment !== 'quiz';
  // One line item in four names its type itself instead of relying on the category mapping.
  const explicitType = index % 4 === 3 ? 'summative' : '';
  return [
    lineItemId(index), 'active', MODIFIED, `${course.title} ${assessment}`, '', '2025-02-03', '2025-03-14', classId(course),
    summative ? 'cat-sum' : 'cat-form', TERM, '0', String(maxScoreOf(index)), 'org-med', explicitType,
  ];
}

function lineItemId(index: number): string {
  return `li-${pad(index + 1, 3)}`;
}

function maxScoreOf(lineItemIndex: number): number {
  return MAX_SCORES[lineItemIndex % MAX_SCORES.length];
}

function* resultRows(
  count: number,
  lineItemCount: number,
  malformedEvery: number | undefined,
  malformedRows: OneRosterFixture['malformedRows'],
): Generator<readonly string[]> {
  const kinds = Object.keys(MALFORMED_KINDS) as MalformedKind[];
  const random = mulberry32(20250301);
  for (let index = 0; index < count; index += 1) {
    const row = goodResult(index, lineItemCount, random);
    if (malformedEvery === undefined || (index + 1) % malformedEvery !== 0) {
      yield row;
      continue;
    }
    const kind = kinds[malformedRows.length % kinds.length];
    malformedRows.push({ row: index + 2, kind, column: MALFORMED_KINDS[kind] });
    yield spoil(row, kind, maxScoreOf(index % lineItemCount));
  }
}

function goodResult(index: number, lineItemCount: number, random: () => number): string[] {
  const lineItem = index % lineItemCount;
  const maxScore = maxScoreOf(lineItem);
  // Mostly final marks, some low achievers, and the OneRoster statuses that carry no mark.
  const draw = random();
  const status = draw < 0.9 ? 'fully graded' : draw < 0.95 ? 'partially graded' : draw < 0.98 ? 'not submitted' : 'exempt';
  const share = Math.min(1, Math.max(0, 0.45 + random() * 0.55));
  const score = status === 'not submitted' || status === 'exempt' ? '' : (Math.round(share * maxScore * 2) / 2).toString();
  const comment = index % 50 === 0 ? 'Good effort, see feedback\non the anatomy practical' : index % 7 === 0 ? 'Well done, "excellent" recall' : '';
  return [
    `res-${pad(index + 1, 7)}`, 'active', MODIFIED, lineItemId(lineItem), userId(Math.floor(index / lineItemCount)), status, score,
    `2025-03-${pad(1 + (index % 28), 2)}`, comment, '', '', 'false', 'false', 'false', status === 'not submitted' ? 'true' : 'false',
  ];
}

function spoil(row: string[], kind: MalformedKind, maxScore: number): string[] {
  const spoilt = [...row];
  const set = (column: string, value: string) => (spoilt[RESULT_COLUMNS.indexOf(column)] = value);
  switch (kind) {
    case 'score-above-max':
      set('scoreStatus', 'fully graded');
      set('score', String(maxScore + 5));
      break;
    case 'negative-score':
      set('scoreStatus', 'fully graded');
      set('score', '-3');
      break;
    case 'score-not-a-number':
      set('scoreStatus', 'fully graded');
      set('score', 'eighty');
      break;
    case 'unknown-student':
      set('studentSourcedId', 'usr-unknown');
      break;
    case 'unknown-line-item':
      set('lineItemSourcedId', 'li-unknown');
      break;
    case 'future-score-date':
      set('scoreDate', '2099-01-01');
      break;
    case 'unknown-score-status':
      set('scoreStatus', 'graded');
      break;
    case 'missing-fields':
      return spoilt.slice(0, 8);
  }
  return spoilt;
}

function range<T>(count: number, make: (index: number) => T): Generator<T> {
  return (function* () {
    for (let index = 0; index < count; index += 1) yield make(index);
  })();
}

async function writeCsv(path: string, header: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
  const output = createWriteStream(path);
  const writeLine = async (fields: readonly string[]) => {
    if (!output.write(`${fields.map(csvField).join(',')}\r\n`)) await once(output, 'drain');
  };
  await writeLine(header);
  for (const row of rows) await writeLine(row);
  output.end();
  await once(output, 'finish');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// A tiny seeded generator, so every run writes byte-identical files.
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
