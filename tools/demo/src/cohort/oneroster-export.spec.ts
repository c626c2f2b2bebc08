import { parse } from 'csv-parse/sync';
import { generateCohort } from './cohort';
import { Cohort, FeedRecord, GradeSubmission } from './model';
import { ONEROSTER_FILE_NAMES, OneRosterFiles, toOneRosterFiles } from './oneroster-export';

const TERM = { termStart: '2026-01-12', now: new Date('2026-04-20T10:00:00Z') };

// The columns services/grade-ingest cannot do without (imports/oneroster/oneroster-files.ts).
const REQUIRED_COLUMNS: Record<string, readonly string[]> = {
  'results.csv': ['sourcedId', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'score', 'scoreDate'],
  'lineItems.csv': ['sourcedId', 'classSourcedId', 'categorySourcedId', 'resultValueMax'],
  'users.csv': ['sourcedId', 'identifier', 'metadata.program', 'metadata.yearOfStudy'],
  'classes.csv': ['sourcedId', 'classCode', 'courseSourcedId', 'metadata.program', 'metadata.yearOfStudy'],
  'courses.csv': ['sourcedId', 'courseCode'],
  'categories.csv': ['sourcedId', 'title'],
};

type Row = Record<string, string>;

function rowsOf(files: OneRosterFiles, name: keyof OneRosterFiles): Row[] {
  return parse(files[name], { columns: true, bom: true }) as Row[];
}

function bySourcedId(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((row) => [row['sourcedId'], row]));
}

interface ReferenceTables {
  lineItems: Map<string, Row>;
  classes: Map<string, Row>;
  courses: Map<string, Row>;
  users: Map<string, Row>;
}

function referenceTables(files: OneRosterFiles): ReferenceTables {
  return {
    lineItems: bySourcedId(rowsOf(files, 'lineItems.csv')),
    classes: bySourcedId(rowsOf(files, 'classes.csv')),
    courses: bySourcedId(rowsOf(files, 'courses.csv')),
    users: bySourcedId(rowsOf(files, 'users.csv')),
  };
}

/** A results.csv row read back as imports/README.md describes ("From a results.csv row to a grade record"). */
function importedGrade(result: Row, tables: ReferenceTables): Partial<GradeSubmission> {
  const lineItem = tables.lineItems.get(result['lineItemSourcedId']) as Row;
  const classRow = tables.classes.get(result['classSourcedId'] || lineItem['classSourcedId']) as Row;
  const course = tables.courses.get(classRow['courseSourcedId']) as Row;
  const user = tables.users.get(result['studentSourcedId']);
  const unmarked = result['score'] === '' && ['exempt', 'not submitted'].includes(result['scoreStatus']);
  return {
    studentId: user?.['identifier'] || result['studentSourcedId'] || undefined,
    program: user?.['metadata.program'] || classRow['metadata.program'],
    yearOfStudy: Number(user?.['metadata.yearOfStudy'] || classRow['metadata.yearOfStudy']),
    courseCode: course['courseCode'],
    assessmentId: result['lineItemSourcedId'],
    assessmentType: lineItem['metadata.assessmentType'] as GradeSubmission['assessmentType'],
    score: unmarked ? 0 : Number(result['score']),
    maxScore: Number(lineItem['resultValueMax']),
    gradedAt: result['scoreDate'],
    sourceRecordId: result['sourcedId'],
    scoreStatus: (result['scoreStatus'] || 'fully graded') as GradeSubmission['scoreStatus'],
  };
}

describe('toOneRosterFiles', () => {
  let cohort: Cohort;
  let exported: FeedRecord[];
  let files: OneRosterFiles;
  let tables: ReferenceTables;

  beforeAll(() => {
    cohort = generateCohort({ ...TERM, students: 300 });
    exported = cohort.feed.filter((entry) => entry.channel === 'oneroster');
    files = toOneRosterFiles(cohort.feed, cohort);
    tables = referenceTables(files);
  });

  it('writes a complete OneRoster 1.2 file set whose headers name the columns the importer needs', () => {
    expect(Object.keys(files).sort()).toEqual([...ONEROSTER_FILE_NAMES].sort());
    for (const [name, columns] of Object.entries(REQUIRED_COLUMNS)) {
      const header = (parse(files[name as keyof OneRosterFiles], { to_line: 1 }) as string[][])[0];
      expect(header).toEqual(expect.arrayContaining([...columns]));
    }
    expect(rowsOf(files, 'manifest.csv')).toContainEqual({ propertyName: 'oneroster.version', value: '1.2' });
  });

  it('holds exactly the oneroster channel’s records, in feed order, and whole line items', () => {
    const results = rowsOf(files, 'results.csv');
    expect(results.map((row) => row['sourcedId'])).toEqual(exported.map((entry) => entry.record.sourceRecordId));
    const lineItemIds = new Set(results.map((row) => row['lineItemSourcedId']));
    const expectedIds = cohort.courses.flatMap((c) => c.assessments).filter((a) => a.channel === 'oneroster').map((a) => a.assessmentId);
    expect([...lineItemIds].sort()).toEqual([...expectedIds].sort());
    expect(rowsOf(files, 'lineItems.csv').map((row) => row['sourcedId']).sort()).toEqual([...expectedIds].sort());
  });

  it('imports back into the same grade records for every original, duplicate and amendment', () => {
    const results = rowsOf(files, 'results.csv');
    exported.forEach((entry, index) => {
      if (entry.kind !== 'malformed') expect(importedGrade(results[index], tables)).toEqual(entry.record);
    });
  });

  it('keeps each malformed row’s defect visible to the importer', () => {
    const results = rowsOf(files, 'results.csv');
    const malformed = exported.flatMap((entry, index) => (entry.kind === 'malformed' ? [{ entry, row: results[index] }] : []));
    expect(malformed.length).toBeGreaterThan(0);
    for (const { entry, row } of malformed) {
      const grade = importedGrade(row, tables);
      if (entry.defect === 'missing-student-id') expect(row['studentSourcedId']).toBe('');
      if (entry.defect === 'score-above-max') expect(grade.score).toBeGreaterThan(grade.maxScore as number);
      if (entry.defect === 'graded-in-future') expect(Date.parse(row['scoreDate'])).toBeGreaterThan(TERM.now.getTime());
    }
  });

  it('carries programme and year on users and classes, and non-ASCII names intact', () => {
    const users = rowsOf(files, 'users.csv');
    const studentsById = new Map(cohort.students.map((s) => [s.studentId, s]));
    for (const user of users) {
      const student = studentsById.get(user['identifier']);
      expect(user).toMatchObject({
        givenName: student?.givenName,
        familyName: student?.familyName,
        'metadata.program': student?.program,
        'metadata.yearOfStudy': String(student?.yearOfStudy),
      });
    }
    // eslint-disable-next-line no-control-regex
    expect(users.some((user) => /[^\x00-\x7f]/.test(user['givenName'] + user['familyName']))).toBe(true);
    for (const classRow of rowsOf(files, 'classes.csv')) {
      const course = cohort.courses.find((c) => c.courseCode === classRow['classCode']);
      expect(classRow['metadata.program']).toBe(course?.program);
      expect(classRow['metadata.yearOfStudy']).toBe(String(course?.yearOfStudy));
    }
  });

  it('refuses records that are not from the roster it is given', () => {
    const stranger = exported.find((entry) => entry.kind === 'original') as FeedRecord;
    const foreign = { ...stranger, record: { ...stranger.record, assessmentId: 'XYZ999-MID' } } as FeedRecord;
    expect(() => toOneRosterFiles([foreign], cohort)).toThrow(/XYZ999-MID/);
  });
});
