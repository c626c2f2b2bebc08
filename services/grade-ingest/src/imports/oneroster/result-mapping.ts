import { AssessmentType, FieldProblem } from '@mentoring/contracts';
import { GradeField, GradeValidationOptions, validateGradeSubmission } from '../../grades/domain';
import { ImportedGrade, RowProblem, RowRejection } from '../domain';
import { CsvRow } from './csv-rows';
import { FileMode } from './manifest';
import { isPlaced, PlacementMapping, programOf, yearOf } from './placement';
import { OneRosterReferences, ScoreScaleRef } from './references';
import { resolveRowReferences, RowReferences } from './row-references';

/** Settings for what the files leave open; see imports/README.md for the order sources are tried in. */
export interface OneRosterMapping extends PlacementMapping {
  /** Category title (case-insensitive) -> assessment type, for line items without `metadata.assessmentType`. */
  assessmentTypeByCategory?: Readonly<Record<string, AssessmentType>>;
  /** Maximum of line items with neither resultValueMax nor a score scale. */
  defaultMaxScore?: number;
}

/** How the row's file is to be read: a delta file's rows carry status and dateLastModified. */
export interface RowContext {
  mode: FileMode;
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
  context: RowContext = { mode: 'bulk' },
): RowOutcome {
  const widthProblem = row.widthProblem();
  if (widthProblem !== undefined) return rejection(row, [{ column: '(row)', reason: `the row ${widthProblem}` }]);
  const references = resolveRowReferences(row, refs);
  const resolutions = resolveFields(row, references, refs, mapping, validation);
  const validated = validateGradeSubmission(candidateOf(resolutions), validation);
  const problems = [
    ...statusProblems(row, context),
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

function resolveFields(
  row: CsvRow,
  refs: RowReferences,
  tables: OneRosterReferences,
  mapping: OneRosterMapping,
  validation: GradeValidationOptions,
): Resolutions {
  const programme = program(refs, tables, mapping, validation.knownPrograms);
  const scale = scoreScaleOf(row, refs, tables);
  const deleted = row.value('status') === 'tobedeleted';
  return {
    sourceRecordId: own(row, 'sourcedId'),
    studentId: studentId(refs),
    program: programme,
    yearOfStudy: yearOfStudy(refs, programme.kind === 'value' ? String(programme.value) : undefined, mapping),
    courseCode: courseCode(refs),
    assessmentId: refs.broken.lineItem ? UNAVAILABLE : own(row, 'lineItemSourcedId'),
    assessmentType: assessmentType(refs, mapping),
    score: deleted ? derived('score', 0, 'status', 'recorded as 0 for a result with status "tobedeleted"') : score(row, scale),
    maxScore: maxScore(refs, scale, mapping),
    gradedAt: scoreDate(row),
    // A deleted result stays on record as exempt: it no longer counts, and consumers hear of the change.
    scoreStatus: deleted ? derived('scoreStatus', 'exempt', 'status', 'exempt, because the result has status "tobedeleted"') : own(row, 'scoreStatus'),
    category: category(refs),
    categoryWeight: categoryWeight(refs),
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

// Without the user, line item or class row that might have placed the student, a missing
// programme or year is a consequence of that reference problem, not a problem of its own.
function studentAttributeUnavailable(refs: RowReferences): boolean {
  return refs.broken.user || refs.broken.lineItem || refs.broken.classRef || refs.broken.course;
}

function program(refs: RowReferences, tables: OneRosterReferences, mapping: OneRosterMapping, knownPrograms: readonly string[]): Resolution {
  const placement = programOf(refs, tables, mapping, knownPrograms);
  if (isPlaced(placement)) return derived('program', placement.text, 'studentSourcedId', placement.origin);
  if (studentAttributeUnavailable(refs)) return UNAVAILABLE;
  return problem('studentSourcedId', unplacedProgramReason(placement.orgs));
}

/** What to set when no programme is found; the same words serve a row and a whole set. */
export function unplacedProgramReason(orgs: readonly string[]): string {
  const looked = orgs.length > 0 ? `none of ${orgs.slice(0, 8).join(', ')}${orgs.length > 8 ? ', ...' : ''} is a known programme` : 'the files name no org for it';
  return (
    `program: none found for this student (${looked}); map orgs to programmes with the import field programByOrg ` +
    '(e.g. {"org-mbbs":"MBBS"}) or ONEROSTER_PROGRAM_BY_ORG, give the org a programme code as its identifier, add metadata.program, or set defaultProgram'
  );
}

/** What to set when no year is found. */
export const UNPLACED_YEAR_REASON =
  'yearOfStudy: none found for this student; set the import field defaultYearByProgram (e.g. {"MBBS":1}) or ONEROSTER_DEFAULT_YEAR_BY_PROGRAM, ' +
  'or defaultYearOfStudy, or give users.csv grades or metadata.yearOfStudy';

function yearOfStudy(refs: RowReferences, programCode: string | undefined, mapping: OneRosterMapping): Resolution {
  const source = yearOf(refs, programCode, mapping);
  if (source !== undefined) {
    if (WHOLE_NUMBER.test(source.text)) return derived('yearOfStudy', Number(source.text), 'studentSourcedId', source.origin);
    return problem('studentSourcedId', `yearOfStudy "${source.text}" (${source.origin}) is not a whole number`);
  }
  if (studentAttributeUnavailable(refs)) return UNAVAILABLE;
  return problem('studentSourcedId', UNPLACED_YEAR_REASON);
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

function score(row: CsvRow, scale: { id: string; ref?: ScoreScaleRef } | undefined): Resolution {
  const text = row.value('score');
  const status = row.value('scoreStatus');
  const textScore = row.value('textScore');
  if (text === '' && textScore !== '') return scoreOfText(textScore, scale);
  if (text === '' && UNSCORED_STATUSES.includes(status)) {
    return derived('score', 0, 'score', `recorded as 0 for a "${status}" result without a score`);
  }
  if (text === '') return own(row, 'score');
  if (!DECIMAL.test(text)) return problem('score', `score "${text}" is not a number`);
  return { ...own(row, 'score'), value: Number(text) };
}

// A text score ("B+", "Pass") means what its score scale says it is worth.
function scoreOfText(textScore: string, scale: { id: string; ref?: ScoreScaleRef } | undefined): Resolution {
  if (scale?.ref === undefined) {
    const why = scale === undefined ? 'no score scale applies to it' : `its score scale ${scale.id} is not in scoreScales.csv`;
    return problem('textScore', `textScore "${textScore}" has no score and ${why} (resultScoreScales.csv, scoreScaleSourcedId or lineItemScoreScales.csv)`);
  }
  const value = scale.ref.values.get(textScore);
  if (value === undefined) {
    return problem('textScore', `textScore "${textScore}" is not on score scale ${scale.id} (${[...scale.ref.values.keys()].join(', ')})`);
  }
  return derived('score', value, 'textScore', `textScore "${textScore}" on score scale ${scale.id}`);
}

/** The score scale of a result: its own (resultScoreScales.csv or its column), else its line item's. */
function scoreScaleOf(row: CsvRow, refs: RowReferences, tables: OneRosterReferences): { id: string; ref?: ScoreScaleRef } | undefined {
  const id =
    tables.resultScales?.get(row.value('sourcedId')) ||
    row.value('scoreScaleSourcedId') ||
    tables.lineItemScales?.get(refs.lineItemId) ||
    refs.lineItem?.scoreScaleSourcedId ||
    '';
  return id === '' ? undefined : { id, ref: tables.scoreScales?.get(id) };
}

function maxScore(refs: RowReferences, scale: { id: string; ref?: ScoreScaleRef } | undefined, mapping: OneRosterMapping): Resolution {
  const { lineItem, lineItemId } = refs;
  if (lineItem === undefined) return UNAVAILABLE;
  const { resultValueMin: min, resultValueMax: max } = lineItem;
  if (min !== '' && !(DECIMAL.test(min) && Number(min) === 0)) {
    return problem('lineItemSourcedId', `maxScore: lineItem ${lineItemId} has resultValueMin ${min}; only scales that start at 0 are supported`);
  }
  if (max !== '') {
    if (!DECIMAL.test(max)) return problem('lineItemSourcedId', `maxScore: resultValueMax "${max}" of lineItem ${lineItemId} is not a number`);
    return derived('maxScore', Number(max), 'lineItemSourcedId', `lineItems.csv resultValueMax of lineItem ${lineItemId}`);
  }
  if (scale?.ref !== undefined) return derived('maxScore', scale.ref.max, 'lineItemSourcedId', `the highest value of score scale ${scale.id}`);
  if (mapping.defaultMaxScore !== undefined) {
    return derived('maxScore', mapping.defaultMaxScore, 'lineItemSourcedId', 'the default maximum of this import');
  }
  return problem(
    'lineItemSourcedId',
    `maxScore: lineItem ${lineItemId} has no resultValueMax and no score scale; add either, or set the import field defaultMaxScore or ONEROSTER_DEFAULT_MAX_SCORE`,
  );
}

const BINDING_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

// The binding writes dates as YYYY-MM-DD; "1/05/2023" could be January or May, so it is refused rather than guessed.
function scoreDate(row: CsvRow): Resolution {
  const text = row.value('scoreDate');
  if (text === '' || BINDING_DATE.test(text)) return own(row, 'scoreDate');
  return problem('scoreDate', `scoreDate "${text}" is not in the binding's date format YYYY-MM-DD (e.g. 2023-05-01) or an ISO 8601 date-time`);
}

function category(refs: RowReferences): Resolution {
  const title = refs.category?.title ?? '';
  return title === '' ? { kind: 'unavailable' } : derived('category', title, 'lineItemSourcedId', `categories.csv title of the category of lineItem ${refs.lineItemId}`);
}

function categoryWeight(refs: RowReferences): Resolution {
  const weight = refs.category?.weight ?? '';
  if (weight === '' || refs.category?.title === '') return UNAVAILABLE;
  if (!DECIMAL.test(weight) || Number(weight) < 0) {
    return problem('lineItemSourcedId', `categoryWeight: weight "${weight}" of category "${refs.category?.title}" in categories.csv is not a number of 0 or more`);
  }
  return derived('categoryWeight', Number(weight), 'lineItemSourcedId', `categories.csv weight of category "${refs.category?.title}"`);
}

const DELTA_STATUSES = ['active', 'tobedeleted'];

// A delta file says what changed and when; a bulk file leaves both empty, and its rows are all current.
function statusProblems(row: CsvRow, { mode }: RowContext): RowProblem[] {
  if (mode !== 'delta') return [];
  const problems: RowProblem[] = [];
  const status = row.value('status');
  if (!DELTA_STATUSES.includes(status)) {
    problems.push({ column: 'status', reason: `status "${status}": a delta file's rows must be active or tobedeleted` });
  }
  const modified = row.value('dateLastModified');
  if (!BINDING_DATE.test(modified) || !modified.includes('T')) {
    problems.push({ column: 'dateLastModified', reason: `dateLastModified "${modified}": a delta file's rows need an ISO 8601 date-time such as 2023-05-01T09:30:00Z` });
  }
  return problems;
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
  category: 'lineItemSourcedId',
  categoryWeight: 'lineItemSourcedId',
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
