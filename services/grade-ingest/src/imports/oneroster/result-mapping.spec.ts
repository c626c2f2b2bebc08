import { DEFAULT_PROGRAMS, GradeValidationOptions } from '../../grades/domain';
import { CsvRow } from './csv-rows';
import { LineItemRef, OneRosterReferences } from './references';
import { isRejection, mapResultRow, OneRosterMapping, rejectImportedGrade, RowOutcome } from './result-mapping';

const validation: GradeValidationOptions = {
  now: new Date('2025-04-01T00:00:00Z'),
  maxFutureSkewMs: 5 * 60 * 1000,
  knownPrograms: DEFAULT_PROGRAMS,
};

const RESULT_COLUMNS = ['sourcedId', 'status', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'score', 'scoreDate', 'classSourcedId'];

function resultRow(values: Record<string, string> = {}, row = 2): CsvRow {
  const fields: Record<string, string> = {
    sourcedId: 'res-1',
    status: 'active',
    lineItemSourcedId: 'li-anat-mid',
    studentSourcedId: 'usr-1',
    scoreStatus: 'fully graded',
    score: '41',
    scoreDate: '2025-03-14',
    classSourcedId: '',
    ...values,
  };
  return new CsvRow(row, new Map(RESULT_COLUMNS.map((column, index) => [column, index])), RESULT_COLUMNS.map((column) => fields[column]));
}

const lineItem: LineItemRef = {
  classSourcedId: 'cls-anat',
  categorySourcedId: 'cat-sum',
  resultValueMin: '0',
  resultValueMax: '60',
  assessmentType: '',
};

function references(overrides: Partial<OneRosterReferences> = {}): OneRosterReferences {
  return {
    lineItems: new Map([['li-anat-mid', lineItem]]),
    users: new Map([['usr-1', { identifier: 'S-1001', program: 'MBBS', yearOfStudy: '2' }]]),
    classes: new Map([['cls-anat', { classCode: 'ANAT101-S1', courseSourcedId: 'crs-anat', program: 'MD', yearOfStudy: '3' }]]),
    courses: new Map([['crs-anat', { courseCode: 'ANAT101' }]]),
    categories: new Map([['cat-sum', { title: 'Summative' }], ['cat-quiz', { title: 'Quizzes' }]]),
    ...overrides,
  };
}

function map(row: CsvRow, refs = references(), mapping: OneRosterMapping = {}): RowOutcome {
  return mapResultRow(row, refs, mapping, validation);
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
      },
    });
  });

  it('falls back to the sourcedId for the student and to the class for programme and year', () => {
    const refs = references({ users: new Map([['usr-1', { identifier: '', program: '', yearOfStudy: '' }]]) });

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
    const refs = references({ users: new Map([['usr-1', { identifier: 'S-1001', program: 'DENT', yearOfStudy: 'Y2' }]]) });

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
    expect(problemsOf(map(resultRow(), unbounded))[0].reason).toBe('maxScore: lineItem li-anat-mid has no resultValueMax in lineItems.csv');
  });

  it('refuses a score that is not a number', () => {
    expect(problemsOf(map(resultRow({ score: '41,5' })))).toEqual([{ column: 'score', reason: 'score "41,5" is not a number' }]);
  });

  it('refuses a deletion, which grades cannot express', () => {
    expect(problemsOf(map(resultRow({ status: 'tobedeleted' })))[0]).toMatchObject({ column: 'status' });
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
