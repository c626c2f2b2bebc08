import { DAY_MS, isoDate, parseIsoDate } from './calendar';
import { toCsv } from './csv';
import { Cohort, DemoAssessment, DemoCourse, DemoStudent, FeedRecord } from './model';

export const ONEROSTER_FILE_NAMES = [
  'manifest.csv',
  'academicSessions.csv',
  'categories.csv',
  'courses.csv',
  'classes.csv',
  'users.csv',
  'lineItems.csv',
  'results.csv',
] as const;
export type OneRosterFileName = (typeof ONEROSTER_FILE_NAMES)[number];

/** File name -> CSV text of a OneRoster 1.2 bulk file set. */
export type OneRosterFiles = Record<OneRosterFileName, string>;

// Columns of the OneRoster 1.2 CSV binding, plus the `metadata.*` extension columns that carry
// what the binding has no field for (see services/grade-ingest/src/imports/README.md).
const ACADEMIC_SESSION_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'];
const CATEGORY_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'title', 'weight'];
const COURSE_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'];
const CLASS_COLUMNS = [
  'sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location',
  'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods', 'metadata.program', 'metadata.yearOfStudy',
];
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

const SCHOOL = 'org-gmu-com';
const CATEGORY = { summative: 'cat-summative', formative: 'cat-formative' } as const;
const TERM_WEEKS = 18;

type Roster = Pick<Cohort, 'settings' | 'students' | 'courses'>;

interface ExportContext {
  modified: string;
  sessionId: string;
  students: ReadonlyMap<string, DemoStudent>;
  assessments: ReadonlyMap<string, { course: DemoCourse; assessment: DemoAssessment }>;
}

/**
 * The 'oneroster' channel's records (others are left out) as a OneRoster 1.2 CSV file set that
 * services/grade-ingest imports back into the same grade records; `roster` supplies the names,
 * titles, programmes and years the reference files need.
 */
export function toOneRosterFiles(records: readonly FeedRecord[], roster: Roster): OneRosterFiles {
  const exported = records.filter((entry) => entry.channel === 'oneroster');
  const context = exportContext(roster);
  const lineItems = unique(exported.map((entry) => lookUpAssessment(context, entry.record.assessmentId)));
  const courses = unique(lineItems.map(({ course }) => course));
  const students = unique(exported.flatMap(({ record }) => (record.studentId === undefined ? [] : [lookUpStudent(context, record.studentId)])));
  return {
    'manifest.csv': manifest(),
    'academicSessions.csv': toCsv(ACADEMIC_SESSION_COLUMNS, [academicSessionRow(context, roster.settings.termStart)]),
    'categories.csv': toCsv(CATEGORY_COLUMNS, [
      [CATEGORY.summative, 'active', context.modified, 'Summative', '0.7'],
      [CATEGORY.formative, 'active', context.modified, 'Formative', '0.3'],
    ]),
    'courses.csv': toCsv(COURSE_COLUMNS, courses.map((course) => courseRow(context, course))),
    'classes.csv': toCsv(CLASS_COLUMNS, courses.map((course) => classRow(context, course))),
    'users.csv': toCsv(USER_COLUMNS, students.map((student) => userRow(context, student))),
    'lineItems.csv': toCsv(LINE_ITEM_COLUMNS, lineItems.map((item) => lineItemRow(context, item.course, item.assessment))),
    'results.csv': toCsv(RESULT_COLUMNS, exported.map((entry) => resultRow(entry))),
  };
}

function exportContext({ settings, students, courses }: Roster): ExportContext {
  return {
    // Rosters and line items are set up when the term begins.
    modified: `${settings.termStart}T00:00:00.000Z`,
    sessionId: sessionIdOf(settings.termStart),
    students: new Map(students.map((student) => [student.studentId, student])),
    assessments: new Map(
      courses.flatMap((course) => course.assessments.map((assessment) => [assessment.assessmentId, { course, assessment }] as const)),
    ),
  };
}

function lookUpAssessment(context: ExportContext, assessmentId: string): { course: DemoCourse; assessment: DemoAssessment } {
  const found = context.assessments.get(assessmentId);
  if (found === undefined) throw new RangeError(`assessment ${assessmentId} is not in the roster's courses`);
  return found;
}

function lookUpStudent(context: ExportContext, studentId: string): DemoStudent {
  const found = context.students.get(studentId);
  if (found === undefined) throw new RangeError(`student ${studentId} is not in the roster`);
  return found;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function manifest(): string {
  const present = ['academicSessions', 'categories', 'classes', 'courses', 'lineItems', 'results', 'users'];
  const absent = ['classResources', 'courseResources', 'demographics', 'enrollments', 'orgs', 'resources', 'roles', 'scoreScales'];
  return toCsv(['propertyName', 'value'], [
    ['manifest.version', '1.0'],
    ['oneroster.version', '1.2'],
    ...present.map((name) => [`file.${name}`, 'bulk']),
    ...absent.map((name) => [`file.${name}`, 'absent']),
    ['source.systemName', 'Synthetic registrar (tools/demo)'],
  ]);
}

function sessionIdOf(termStart: string): string {
  return `as-${termStart}`;
}

function academicSessionRow(context: ExportContext, termStart: string): string[] {
  const end = isoDate(parseIsoDate(termStart) + TERM_WEEKS * 7 * DAY_MS);
  return [context.sessionId, 'active', context.modified, `Term starting ${termStart}`, 'term', termStart, end, '', termStart.slice(0, 4)];
}

function courseSourcedId(course: DemoCourse): string {
  return `crs-${course.courseCode.toLowerCase()}`;
}

function classSourcedId(courseCode: string): string {
  return `cls-${courseCode.toLowerCase()}`;
}

// Registrar systems key users by an internal id; the student number travels as `identifier`.
function userSourcedId(studentId: string): string {
  return `usr-${studentId.toLowerCase()}`;
}

function courseRow(context: ExportContext, course: DemoCourse): string[] {
  return [courseSourcedId(course), 'active', context.modified, '', course.title, course.courseCode, '', SCHOOL, '', ''];
}

function classRow(context: ExportContext, course: DemoCourse): string[] {
  return [
    classSourcedId(course.courseCode), 'active', context.modified, course.title, '', courseSourcedId(course), course.courseCode,
    'scheduled', '', SCHOOL, context.sessionId, '', '', '', course.program, String(course.yearOfStudy),
  ];
}

function userRow(context: ExportContext, student: DemoStudent): string[] {
  return [
    userSourcedId(student.studentId), 'active', context.modified, 'true', student.email.split('@')[0], '',
    student.givenName, student.familyName, '', student.studentId, student.email, '', '', '', '', '', '', '', '', '', SCHOOL, '',
    student.program, String(student.yearOfStudy),
  ];
}

function lineItemRow(context: ExportContext, course: DemoCourse, assessment: DemoAssessment): string[] {
  const heldOn = assessment.heldAt.slice(0, 10);
  return [
    assessment.assessmentId, 'active', context.modified, `${course.title}: ${assessment.title}`, '', heldOn, heldOn,
    classSourcedId(course.courseCode), CATEGORY[assessment.assessmentType], context.sessionId, '0', String(assessment.maxScore),
    SCHOOL, assessment.assessmentType,
  ];
}

// scoreDate keeps the full timestamp (the importer accepts a date-time) so the imported grade is
// identical to the one the other channels carry; unmarked results leave `score` empty.
function resultRow({ record, sentAt }: FeedRecord): string[] {
  const unmarked = record.scoreStatus === 'exempt' || record.scoreStatus === 'not submitted';
  return [
    record.sourceRecordId, 'active', sentAt, record.assessmentId,
    record.studentId === undefined ? '' : userSourcedId(record.studentId), record.scoreStatus,
    unmarked ? '' : String(record.score), record.gradedAt, '', '', classSourcedId(record.courseCode),
    'false', 'false', 'false', String(record.scoreStatus === 'not submitted'),
  ];
}
