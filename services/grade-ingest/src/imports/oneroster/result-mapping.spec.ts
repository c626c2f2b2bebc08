import { DEFAULT_PROGRAMS, GradeValidationOptions } from '../../grades/domain';
import { CsvRow } from './csv-rows';
import { ClassRef, LineItemRef, OneRosterReferences, UserRef } from './references';
import { isRejection, mapResultRow, OneRosterMapping, rejectImportedGrade, RowContext, RowOutcome } from './result-mapping';

const validation: GradeValidationOptions = {
  now: new Date('2025-04-01T00:00:00Z'),
  maxFutureSkewMs: 5 * 60 * 1000,
  knownPrograms: DEFAULT_PROGRAMS,
};

const RESULT_COLUMNS = ['sourcedId', 'status', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'score', 'scoreDate', 'classSourcedId'];

const RESULT_COLUMNS_12 = [...RESULT_COLUMNS, 'dateLastModified', 'textScore'];

function resultRow(values: Record<string, string> = {}, row = 2, withDeltaColumns = false): CsvRow {
  const columns = withDeltaColumns ? RESULT_COLUMNS_12 : RESULT_COLUMNS;
  const fields: Record<string, string> = {
    sourcedId: 'res-1',
    status: 'active',
    lineItemSourcedId: 'li-anat-mid',
    studentSourcedId: 'usr-1',
    scoreStatus: 'fully graded',
    score: '41',
    scoreDate: '2025-03-14',
    classSourcedId: '',
    dateLastModified: '',
    textScore: '',
    ...values,
  };
  return new CsvRow(row, new Map(columns.map((column, index) => [column, index])), columns.map((column) => fields[column]));
}

const lineItem: LineItemRef = {
  classSourcedId: 'cls-anat',
  categorySourcedId: 'cat-sum',
  resultValueMin: '0',
  resultValueMax: '60',
  scoreScaleSourcedId: '',
  assessmentType: '',
};

function user(fields: Partial<UserRef> = {}): UserRef {
  return {
    identifier: 'S-1001', program: 'MBBS', yearOfStudy: '2', grades: '', primaryOrgSourcedId: '', orgSourcedIds: '',
    givenName: '', familyName: '', preferredGivenName: '', preferredFamilyName: '', email: '', ...fields,
  };
}

function cls(fields: Partial<ClassRef> = {}): ClassRef {
  return { classCode: 'ANAT101-S1', courseSourcedId: 'crs-anat', schoolSourcedId: '', program: 'MD', yearOfStudy: '3', ...fields };
}

function references(overrides: Partial<OneRosterReferences> = {}): OneRosterReferences {
  return {
    lineItems: new Map([['li-anat-mid', lineItem]]),
    users: new Map([['usr-1', user()]]),
    classes: new Map([['cls-anat', cls()]]),
    courses: new Map([['crs-anat', { courseCode: 'ANAT101', orgSourcedId: '' }]]),
    categories: new Map([['cat-sum', { title: 'Summative', weight: '' }], ['cat-quiz', { title: 'Quizzes', weight: '' }]]),
    ...overrides,
  };
}

function map(row: CsvRow, refs = references(), mapping: OneRosterMapping = {}, context?: RowContext): RowOutcome {
  return mapResultRow(row, refs, mapping, validation, context);
}

function problemsOf(outcome: RowOutcome): Array<{ column: string; reason: string }> {
  if (!isRejection(outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
  return outcome.problems;
}

describe('mapResultRow', () => {
  it('maps a result through its user, line item, class, course and category', () => {
    expect(map(resultRow())).toEqual({
      row: 2,
      grade: {
        studentId: 'S-1001',
        program: 'MBBS',
        yearOfStudy: 2,
        courseCode: 'ANAT101',
        assessmentId: 'li-anat-mid',
        assessmentType: 'summative',
        score: 41,
        maxScore: 60,
        gradedAt: '2025-03-14T00:00:00.000Z',
        sourceRecordId: 'res-1',
        scoreStatus: 'fully graded',
        category: 'Summative',
      },
    });
  });

  it('falls back to the sourcedId for the student and to the class for programme and year', () => {
    const refs = references({ users: new Map([['usr-1', user({ identifier: '', program: '', yearOfStudy: '' })]]) });

    expect(map(resultRow(), refs)).toMatchObject({ grade: { studentId: 'usr-1', program: 'MD', yearOfStudy: 3 } });
  });

  it('uses the configured defaults when neither users.csv nor classes.csv names programme and year', () => {
    const refs = references({ users: undefined, classes: undefined, courses: undefined });

    const outcome = map(resultRow(), refs, { defaultProgram: 'BBMS', defaultYearOfStudy: 1 });

    expect(outcome).toMatchObject({ grade: { studentId: 'usr-1', program: 'BBMS', yearOfStudy: 1, courseCode: 'cls-anat' } });
  });

  it('takes the class code when there is no courses.csv', () => {
    expect(map(resultRow(), references({ courses: undefined }))).toMatchObject({ grade: { courseCode: 'ANAT101-S1' } });
  });

  it('prefers metadata.assessmentType of the line item, then the configured category mapping', () => {
    const formativeItem = { ...lineItem, assessmentType: 'formative' };
    const quizItem = { ...lineItem, categorySourcedId: 'cat-quiz' };

    expect(map(resultRow(), references({ lineItems: new Map([['li-anat-mid', formativeItem]]) }))).toMatchObject({
      grade: { assessmentType: 'formative' },
    });
    expect(map(resultRow(), references({ lineItems: new Map([['li-anat-mid', quizItem]]) }), { assessmentTypeByCategory: { quizzes: 'formative' } })).toMatchObject({
      grade: { assessmentType: 'formative' },
    });
  });

  it('explains how to fix an unmapped category', () => {
    const quizItem = { ...lineItem, categorySourcedId: 'cat-quiz' };

    expect(problemsOf(map(resultRow(), references({ lineItems: new Map([['li-anat-mid', quizItem]]) })))).toEqual([
      {
        column: 'lineItemSourcedId',
        reason:
          'assessmentType: category "Quizzes" of lineItem li-anat-mid has no assessment type; ' +
          'set metadata.assessmentType in lineItems.csv or map the category in the import configuration',
      },
    ]);
  });

  it('explains a line item that has neither an assessment type nor a category', () => {
    const uncategorised = { ...lineItem, categorySourcedId: '' };

    expect(problemsOf(map(resultRow(), references({ lineItems: new Map([['li-anat-mid', uncategorised]]) })))).toEqual([
      {
        column: 'lineItemSourcedId',
        reason: 'assessmentType: lineItem li-anat-mid has neither metadata.assessmentType nor a category listed in categories.csv',
      },
    ]);
  });

  it.each(['exempt', 'not submitted'])('records a "%s" result without a score as 0', (scoreStatus) => {
    expect(map(resultRow({ scoreStatus, score: '' }))).toMatchObject({ grade: { score: 0, scoreStatus } });
  });

  it('requires a score for a graded result', () => {
    expect(problemsOf(map(resultRow({ score: '' })))).toEqual([{ column: 'score', reason: 'score is required' }]);
  });

  it('lists every problem of the row at once, each with its column', () => {
    const outcome = map(resultRow({ score: '75', scoreDate: '2025-05-01', scoreStatus: 'graded' }));

    expect(problemsOf(outcome)).toEqual([
      { column: 'score', reason: 'score 75 must not be greater than maxScore' },
      { column: 'scoreStatus', reason: 'scoreStatus "graded" must be one of fully graded, submitted, partially graded, exempt, not submitted' },
      { column: 'scoreDate', reason: 'scoreDate "2025-05-01" must not be in the future (latest accepted: 2025-04-01T14:05:00.000Z)' },
    ]);
  });

  it('names where a derived value came from', () => {
    const refs = references({ users: new Map([['usr-1', user({ program: 'DENT', yearOfStudy: 'Y2' })]]) });

    expect(problemsOf(map(resultRow(), refs))).toEqual([
      { column: 'studentSourcedId', reason: 'yearOfStudy "Y2" (users.csv metadata.yearOfStudy of user usr-1) is not a whole number' },
      {
        column: 'studentSourcedId',
        reason: 'program "DENT" (users.csv metadata.program of user usr-1) must be one of the configured programmes: MBBS, MD, BBMS, HDPCS',
      },
    ]);
  });

  it('reports an unknown line item once, not once for every field it would have given', () => {
    expect(problemsOf(map(resultRow({ lineItemSourcedId: 'li-nope' })))).toEqual([
      { column: 'lineItemSourcedId', reason: 'lineItem li-nope is not in lineItems.csv' },
    ]);
  });

  it('reports a student missing from users.csv', () => {
    expect(problemsOf(map(resultRow({ studentSourcedId: 'usr-9' })))).toEqual([
      { column: 'studentSourcedId', reason: 'user usr-9 is not in users.csv' },
    ]);
  });

  it('refuses line items whose scale does not start at 0 or has no maximum', () => {
    const shifted = references({ lineItems: new Map([['li-anat-mid', { ...lineItem, resultValueMin: '10' }]]) });
    const unbounded = references({ lineItems: new Map([['li-anat-mid', { ...lineItem, resultValueMax: '' }]]) });

    expect(problemsOf(map(resultRow(), shifted))[0].reason).toContain('resultValueMin 10; only scales that start at 0');
    expect(problemsOf(map(resultRow(), unbounded))[0].reason).toContain('maxScore: lineItem li-anat-mid has no resultValueMax and no score scale');
  });

  it('takes a missing maximum from the score scale, else from the default maximum', () => {
    const scale = { values: new Map([['A', 4], ['B', 3], ['C', 2]]), max: 4 };
    const unbounded = { ...lineItem, resultValueMax: '' };
    const scaled = references({ lineItems: new Map([['li-anat-mid', unbounded]]), scoreScales: new Map([['ss-letter', scale]]), lineItemScales: new Map([['li-anat-mid', 'ss-letter']]) });

    expect(map(resultRow({ score: '', textScore: 'B' }, 2, true), scaled)).toMatchObject({ grade: { score: 3, maxScore: 4 } });
    expect(map(resultRow({ score: '30' }), references({ lineItems: new Map([['li-anat-mid', unbounded]]) }), { defaultMaxScore: 40 })).toMatchObject({
      grade: { score: 30, maxScore: 40 },
    });
    expect(problemsOf(map(resultRow({ score: '', textScore: 'E' }, 2, true), scaled))).toEqual([
      { column: 'textScore', reason: 'textScore "E" is not on score scale ss-letter (A, B, C)' },
    ]);
  });

  it('places a student through the org hierarchy: the primary org, then the course org and its parents, or the mapping', () => {
    const orgs = new Map([
      ['org-school', { name: 'School of Medicine', identifier: 'SOM', type: 'school', parentSourcedId: '' }],
      ['org-mbbs', { name: 'Bachelor of Medicine', identifier: 'MBBS', type: 'department', parentSourcedId: 'org-school' }],
      ['org-anat', { name: 'Anatomy', identifier: 'ANAT', type: 'department', parentSourcedId: 'org-mbbs' }],
    ]);
    const unplaced = { program: '', yearOfStudy: '', grades: '3' };
    const viaStudent = references({ users: new Map([['usr-1', user({ ...unplaced, primaryOrgSourcedId: 'org-mbbs' })]]), classes: new Map([['cls-anat', cls({ program: '', yearOfStudy: '' })]]), orgs });
    const viaCourse = references({
      users: new Map([['usr-1', user({ ...unplaced, primaryOrgSourcedId: 'org-school' })]]),
      classes: new Map([['cls-anat', cls({ program: '', yearOfStudy: '' })]]),
      courses: new Map([['crs-anat', { courseCode: 'ANAT101', orgSourcedId: 'org-anat' }]]),
      orgs,
    });

    expect(map(resultRow(), viaStudent)).toMatchObject({ grade: { program: 'MBBS', yearOfStudy: 3 } });
    expect(map(resultRow(), viaCourse)).toMatchObject({ grade: { program: 'MBBS', yearOfStudy: 3 } });
    const mappedOnly = references({ users: new Map([['usr-1', user({ program: '', yearOfStudy: '', primaryOrgSourcedId: 'org-school' })]]), classes: new Map([['cls-anat', cls({ program: '', yearOfStudy: '' })]]), orgs });
    expect(map(resultRow(), mappedOnly, { programByOrg: { SOM: 'BBMS' }, defaultYearByProgram: { BBMS: 2 } })).toMatchObject({ grade: { program: 'BBMS', yearOfStudy: 2 } });
    expect(problemsOf(map(resultRow(), mappedOnly, { defaultYearOfStudy: 1 }))[0].reason).toContain('none of org "School of Medicine" (org-school) is a known programme');
  });

  it('carries the category and its weight from categories.csv with the grade', () => {
    const weighted = references({ categories: new Map([['cat-sum', { title: 'Exams', weight: '0.6' }]]) });

    expect(map(resultRow(), weighted, { assessmentTypeByCategory: { Exams: 'summative' } })).toMatchObject({ grade: { category: 'Exams', categoryWeight: 0.6 } });
  });

  it('refuses a date that is not in the binding\'s format, naming the format', () => {
    expect(problemsOf(map(resultRow({ scoreDate: '1/05/2023' })))).toEqual([
      { column: 'scoreDate', reason: 'scoreDate "1/05/2023" is not in the binding\'s date format YYYY-MM-DD (e.g. 2023-05-01) or an ISO 8601 date-time' },
    ]);
  });

  it('refuses a score that is not a number', () => {
    expect(problemsOf(map(resultRow({ score: '41,5' })))).toEqual([{ column: 'score', reason: 'score "41,5" is not a number' }]);
  });

  it('records a deleted result as exempt, so that it stops counting and consumers hear of it', () => {
    const deleted = map(resultRow({ status: 'tobedeleted', dateLastModified: '2025-03-20T08:00:00Z' }, 2, true), references(), {}, { mode: 'delta' } as const);

    expect(deleted).toMatchObject({ grade: { scoreStatus: 'exempt', score: 0 } });
  });

  it('needs status and dateLastModified on the rows of a delta file', () => {
    expect(problemsOf(map(resultRow({ status: '' }, 2, true), references(), {}, { mode: 'delta' }))).toEqual([
      { column: 'status', reason: 'status "": a delta file\'s rows must be active or tobedeleted' },
      { column: 'dateLastModified', reason: 'dateLastModified "": a delta file\'s rows need an ISO 8601 date-time such as 2023-05-01T09:30:00Z' },
    ]);
  });

  it('refuses a row whose fields do not line up with the header, without guessing', () => {
    const short = new CsvRow(7, new Map([['sourcedId', 0], ['score', 1]]), ['res-7']);

    expect(map(short)).toEqual({
      row: 7,
      sourceRecordId: 'res-7',
      problems: [{ column: '(row)', reason: 'the row has 1 fields but the header has 2 columns' }],
    });
  });
});

describe('rejectImportedGrade', () => {
  it('turns a later problem with a grade field into a rejection at the column the field came from', () => {
    const imported = map(resultRow());
    if (isRejection(imported)) throw new Error('expected a grade');

    expect(rejectImportedGrade(imported, [{ field: 'studentId', problem: 'differs from the grade already recorded' }])).toEqual({
      row: 2,
      sourceRecordId: 'res-1',
      problems: [{ column: 'studentSourcedId', reason: 'studentId differs from the grade already recorded' }],
    });
  });
});
