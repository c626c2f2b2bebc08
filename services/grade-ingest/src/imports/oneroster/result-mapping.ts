import { AssessmentType, FieldProblem } from '@mentoring/contracts';
import { GradeField, GradeValidationOptions, validateGradeSubmission } from '../../grades/domain';
import { ImportedGrade, RowProblem, RowRejection } from '../domain';
import { CsvRow } from './csv-rows';
import { OneRosterReferences } from './references';
import { resolveRowReferences, RowReferences } from './row-references';

/** Settings for what the files leave open; see imports/README.md for the order sources are tried in. */
export interface OneRosterMapping {
  /** Programme of students for whom neither users.csv nor classes.csv has `metadata.program`. */
  defaultProgram?: string;
  /** Year of study of students for whom neither users.csv nor classes.csv has `metadata.yearOfStudy`. */
  defaultYearOfStudy?: number;
  /** Category title (case-insensitive) -> assessment type, for line items without `metadata.assessmentType`. */
  assessmentTypeByCategory?: Readonly<Record<string, AssessmentType>>;
}

export type RowOutcome = ImportedGrade | RowRejection;

export function isRejection(outcome: RowOutcome): outcome is RowRejection {
  return 'problems' in outcome;
}

type FieldValue = { kind: 'value'; value: unknown; column: string; name: string; origin?: string };
type Resolution = FieldValue | { kind: 'problem'; column: string; reason: string } | { kind: 'unavailable' };
type Resolutions = Record<GradeField, Resolution>;

/** A field whose source is a reference already reported as missing: reporting it again adds nothing. */
const UNAVAILABLE: Resolution = { kind: 'unavailable' };

// OneRoster leaves score empty when nothing was marked, but the grade record needs a number;
// its scoreStatus tells consumers that such a 0 is not a mark.
const UNSCORED_STATUSES: readonly string[] = ['exempt', 'not submitted'];

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const WHOLE_NUMBER = /^\d+$/;

/** Turns one results.csv row into a validated grade, or into a rejection listing all its problems. */
export function mapResultRow(
  row: CsvRow,
  refs: OneRosterReferences,
  mapping: OneRosterMapping,
  validation: GradeValidationOptions,
): RowOutcome {
  const widthProblem = row.widthProblem();
  if (widthProblem !== undefined) return rejection(row, [{ column: '(row)', reason: `the row ${widthProblem}` }]);
  const references = resolveRowReferences(row, refs);
  const resolutions = resolveFields(row, references, mapping);
  const validated = validateGradeSubmission(candidateOf(resolutions), validation);
  const problems = [
    ...statusProblems(row),
    ...references.problems,
    ...mappingProblems(resolutions),
    ...(validated.ok ? [] : validationProblems(validated.problems, resolutions)),
  ];
  if (validated.ok && problems.length === 0) return { row: row.row, grade: validated.value };
  return rejection(row, problems);
}

function rejection(row: CsvRow, problems: RowProblem[]): RowRejection {
  return { row: row.row, sourceRecordId: row.value('sourcedId'), problems };
}

function resolveFields(row: CsvRow, refs: RowReferences, mapping: OneRosterMapping): Resolutions {
  return {
    sourceRecordId: own(row, 'sourcedId'),
    studentId: studentId(refs),
    program: program(refs, mapping),
    yearOfStudy: yearOfStudy(refs, mapping),
    courseCode: courseCode(refs),
    assessmentId: refs.broken.lineItem ? UNAVAILABLE : own(row, 'lineItemSourcedId'),
    assessmentType: assessmentType(refs, mapping),
    score: score(row),
    maxScore: maxScore(refs),
    gradedAt: own(row, 'scoreDate'),
    scoreStatus: own(row, 'scoreStatus'),
  };
}

function own(row: CsvRow, column: string): FieldValue {
  const text = row.value(column);
  return { kind: 'value', value: text === '' ? undefined : text, column, name: column };
}

function derived(field: GradeField, value: unknown, column: string, origin: string): FieldValue {
  return { kind: 'value', value, column, name: field, origin };
}

function problem(column: string, reason: string): Resolution {
  return { kind: 'problem', column, reason };
}

function studentId(refs: RowReferences): Resolution {
  if (refs.broken.user) return UNAVAILABLE;
  const id = refs.studentSourcedId;
  if (refs.user?.identifier) {
    return derived('studentId', refs.user.identifier, 'studentSourcedId', `users.csv identifier of user ${id}`);
  }
  return { kind: 'value', value: id === '' ? undefined : id, column: 'studentSourcedId', name: 'studentSourcedId' };
}

interface Source {
  text: string;
  column: string;
  origin: string;
}

/** The first non-empty source in order of precedence. */
function firstSource(sources: Array<Source | false>): Source | undefined {
  return sources.find((source): source is Source => source !== false && source.text !== '');
}

function studentSources(refs: RowReferences, metadata: 'program' | 'yearOfStudy', fallback: string | undefined): Source | undefined {
  return firstSource([
    refs.user !== undefined && {
      text: refs.user[metadata],
      column: 'studentSourcedId',
      origin: `users.csv metadata.${metadata} of user ${refs.studentSourcedId}`,
    },
    refs.classRef !== undefined && {
      text: refs.classRef[metadata],
      column: 'lineItemSourcedId',
      origin: `classes.csv metadata.${metadata} of class ${refs.classId}`,
    },
    fallback !== undefined && { text: fallback, column: 'studentSourcedId', origin: 'the default of this import' },
  ]);
}

// Without the user or class row that might have named it, a missing programme or year is a
// consequence of that reference problem, not a problem of its own.
function studentAttributeUnavailable(refs: RowReferences): boolean {
  return refs.broken.user || refs.broken.lineItem || refs.broken.classRef;
}

function program(refs: RowReferences, mapping: OneRosterMapping): Resolution {
  const source = studentSources(refs, 'program', mapping.defaultProgram);
  if (source !== undefined) return derived('program', source.text, source.column, source.origin);
  if (studentAttributeUnavailable(refs)) return UNAVAILABLE;
  return problem(
    'studentSourcedId',
    'program: none found for this student; add metadata.program to users.csv or classes.csv, or configure a default programme',
  );
}

function yearOfStudy(refs: RowReferences, mapping: OneRosterMapping): Resolution {
  const source = studentSources(refs, 'yearOfStudy', mapping.defaultYearOfStudy?.toString());
  if (source !== undefined) {
    if (WHOLE_NUMBER.test(source.text)) return derived('yearOfStudy', Number(source.text), source.column, source.origin);
    return problem(source.column, `yearOfStudy "${source.text}" (${source.origin}) is not a whole number`);
  }
  if (studentAttributeUnavailable(refs)) return UNAVAILABLE;
  return problem(
    'studentSourcedId',
    'yearOfStudy: none found for this student; add metadata.yearOfStudy to users.csv or classes.csv, or configure a default year',
  );
}

function courseCode(refs: RowReferences): Resolution {
  if (refs.broken.lineItem || refs.broken.classRef || refs.broken.course) return UNAVAILABLE;
  const source = firstSource([
    refs.course !== undefined && {
      text: refs.course.courseCode,
      column: 'lineItemSourcedId',
      origin: `courses.csv courseCode of course ${refs.courseId}`,
    },
    refs.classRef !== undefined && {
      text: refs.classRef.classCode,
      column: 'lineItemSourcedId',
      origin: `classes.csv classCode of class ${refs.classId}`,
    },
    refs.classRef === undefined && {
      text: refs.classId,
      column: 'lineItemSourcedId',
      origin: `sourcedId of class ${refs.classId}, as the set has no classes.csv`,
    },
  ]);
  if (source !== undefined) return derived('courseCode', source.text, source.column, source.origin);
  return problem('lineItemSourcedId', `courseCode: class ${refs.classId || '(none)'} of lineItem ${refs.lineItemId} has neither a course code nor a class code`);
}

function assessmentType(refs: RowReferences, mapping: OneRosterMapping): Resolution {
  const { lineItem, lineItemId, category } = refs;
  if (lineItem === undefined || refs.broken.category) return UNAVAILABLE;
  if (lineItem.assessmentType !== '') {
    return derived('assessmentType', lineItem.assessmentType, 'lineItemSourcedId', `lineItems.csv metadata.assessmentType of lineItem ${lineItemId}`);
  }
  if (category === undefined) {
    return problem('lineItemSourcedId', `assessmentType: lineItem ${lineItemId} has neither metadata.assessmentType nor a category listed in categories.csv`);
  }
  const mapped = assessmentTypeOfCategory(category.title, mapping);
  if (mapped !== undefined) return derived('assessmentType', mapped, 'lineItemSourcedId', `category "${category.title}" of lineItem ${lineItemId}`);
  return problem(
    'lineItemSourcedId',
    `assessmentType: category "${category.title}" of lineItem ${lineItemId} has no assessment type; ` +
      'set metadata.assessmentType in lineItems.csv or map the category in the import configuration',
  );
}

function assessmentTypeOfCategory(title: string, mapping: OneRosterMapping): AssessmentType | undefined {
  const byTitle = new Map<string, AssessmentType>([
    ['summative', 'summative'],
    ['formative', 'formative'],
    ...Object.entries(mapping.assessmentTypeByCategory ?? {}).map(([key, type]): [string, AssessmentType] => [key.toLowerCase(), type]),
  ]);
  return byTitle.get(title.toLowerCase());
}

function score(row: CsvRow): Resolution {
  const text = row.value('score');
  const status = row.value('scoreStatus');
  if (text === '' && UNSCORED_STATUSES.includes(status)) {
    return derived('score', 0, 'score', `recorded as 0 for a "${status}" result without a score`);
  }
  if (text === '') return own(row, 'score');
  if (!DECIMAL.test(text)) return problem('score', `score "${text}" is not a number`);
  return { ...own(row, 'score'), value: Number(text) };
}

function maxScore(refs: RowReferences): Resolution {
  const { lineItem, lineItemId } = refs;
  if (lineItem === undefined) return UNAVAILABLE;
  const { resultValueMin: min, resultValueMax: max } = lineItem;
  if (min !== '' && !(DECIMAL.test(min) && Number(min) === 0)) {
    return problem('lineItemSourcedId', `maxScore: lineItem ${lineItemId} has resultValueMin ${min}; only scales that start at 0 are supported`);
  }
  if (max === '') return problem('lineItemSourcedId', `maxScore: lineItem ${lineItemId} has no resultValueMax in lineItems.csv`);
  if (!DECIMAL.test(max)) return problem('lineItemSourcedId', `maxScore: resultValueMax "${max}" of lineItem ${lineItemId} is not a number`);
  return derived('maxScore', Number(max), 'lineItemSourcedId', `lineItems.csv resultValueMax of lineItem ${lineItemId}`);
}

function statusProblems(row: CsvRow): RowProblem[] {
  if (row.value('status') !== 'tobedeleted') return [];
  return [
    {
      column: 'status',
      reason: 'status "tobedeleted": removing a result is not supported; resend it with scoreStatus "exempt" so that it no longer counts',
    },
  ];
}

function candidateOf(resolutions: Resolutions): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(resolutions).flatMap(([field, resolution]) =>
      resolution.kind === 'value' && resolution.value !== undefined ? [[field, resolution.value]] : [],
    ),
  );
}

function mappingProblems(resolutions: Resolutions): RowProblem[] {
  return Object.values(resolutions).flatMap((r) => (r.kind === 'problem' ? [{ column: r.column, reason: r.reason }] : []));
}

// Fields that could not be resolved were reported above; the validator's "is required" for them is noise.
function validationProblems(problems: FieldProblem[], resolutions: Resolutions): RowProblem[] {
  return problems.flatMap(({ field, problem: text }) => {
    const resolution = resolutions[field as GradeField] as Resolution | undefined;
    if (resolution?.kind !== 'value') return [];
    return [{ column: resolution.column, reason: describe(resolution, text) }];
  });
}

function describe({ name, value, origin }: FieldValue, problemText: string): string {
  const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
  const source = origin === undefined ? '' : ` (${origin})`;
  return `${name}${shown}${source} ${problemText}`;
}

// The results.csv column each grade field comes from, for problems found after mapping.
const FIELD_COLUMNS: Record<GradeField, string> = {
  sourceRecordId: 'sourcedId',
  studentId: 'studentSourcedId',
  program: 'studentSourcedId',
  yearOfStudy: 'studentSourcedId',
  courseCode: 'lineItemSourcedId',
  assessmentId: 'lineItemSourcedId',
  assessmentType: 'lineItemSourcedId',
  score: 'score',
  maxScore: 'lineItemSourcedId',
  gradedAt: 'scoreDate',
  scoreStatus: 'scoreStatus',
};

/** A rejection for an imported grade refused later, e.g. when classification finds an identity conflict. */
export function rejectImportedGrade({ row, grade }: ImportedGrade, problems: FieldProblem[]): RowRejection {
  return {
    row,
    sourceRecordId: grade.sourceRecordId,
    problems: problems.map(({ field, problem: text }) => ({
      column: FIELD_COLUMNS[field as GradeField] ?? field,
      reason: `${field} ${text}`,
    })),
  };
}
