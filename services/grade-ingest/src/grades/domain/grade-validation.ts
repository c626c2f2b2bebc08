import {
  AssessmentType,
  FieldProblem,
  GradeSubmissionV1,
  ScoreStatus,
  validatePayload,
  ValidationResult,
} from '@mentoring/contracts';

// The list lives with the configuration that defaults to it; validation only receives it.
export { DEFAULT_PROGRAMS } from '../../config/programmes';

/** How far ahead of this server's clock a feed's clock may run before a grade counts as "in the future". */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

export interface GradeValidationOptions {
  now: Date;
  maxFutureSkewMs: number;
  knownPrograms: readonly string[];
}

/**
 * A grade submission that passed every rule: `scoreStatus` is defaulted and `gradedAt` is a
 * canonical UTC timestamp, so two submissions of the same grade compare equal field by field.
 */
export interface ValidGrade {
  studentId: string;
  program: string;
  yearOfStudy: number;
  courseCode: string;
  assessmentId: string;
  assessmentType: AssessmentType;
  score: number;
  maxScore: number;
  gradedAt: string;
  sourceRecordId: string;
  scoreStatus: ScoreStatus;
  /** Gradebook category title (OneRoster categories.csv), when the feed names one. */
  category?: string;
  /** The category's weight in the feed's gradebook, when the feed gives one. */
  categoryWeight?: number;
}

export type GradeField = keyof ValidGrade;

export const DEFAULT_SCORE_STATUS: ScoreStatus = 'fully graded';

const REQUIRED_FIELDS: readonly GradeField[] = [
  'studentId',
  'program',
  'yearOfStudy',
  'courseCode',
  'assessmentId',
  'assessmentType',
  'score',
  'maxScore',
  'gradedAt',
  'sourceRecordId',
];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
// A bare date names a whole day, which has already begun in the earliest time zone (UTC+14)
// while it is still "tomorrow" in UTC; without this lead, same-day grades from the Pacific bounce.
const EARLIEST_ZONE_LEAD_MS = 14 * 60 * 60 * 1000;

/**
 * Validates one submission against the contract and the service's own rules (known programme,
 * `gradedAt` not in the future beyond the skew), listing every field-level problem at once.
 */
export function validateGradeSubmission(plain: unknown, options: GradeValidationOptions): ValidationResult<ValidGrade> {
  if (!isRecord(plain)) return { ok: false, problems: [{ field: '(root)', problem: 'must be a JSON object' }] };
  const checked = validatePayload(GradeSubmissionV1, plain);
  const contractProblems = checked.ok ? [] : tidyContractProblems(checked.problems, plain);
  const flagged = new Set(contractProblems.map((p) => p.field));
  const problems = [...contractProblems, ...serviceRuleProblems(plain, flagged, options)];
  if (problems.length > 0 || !checked.ok) return { ok: false, problems };
  return { ok: true, value: normalise(checked.value) };
}

/** Reads `gradedAt` as UTC: an offset-less date-time is taken as UTC, never as the server's local time. */
export function toUtcTimestamp(gradedAt: string): number {
  if (DATE_ONLY.test(gradedAt)) return Date.parse(`${gradedAt}T00:00:00Z`);
  return Date.parse(HAS_OFFSET.test(gradedAt) ? gradedAt : `${gradedAt}Z`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// class-validator reports a missing field as two or three confusing rules ("must be a string",
// "must be longer than..."); one "is required" says it plainly. Its messages also mix
// "score must ..." and "must ..."; callers get the field separately, so the prefix goes.
function tidyContractProblems(problems: FieldProblem[], plain: Record<string, unknown>): FieldProblem[] {
  const missing = REQUIRED_FIELDS.filter((field) => plain[field] === undefined || plain[field] === null);
  const required = missing.map((field) => ({ field, problem: 'is required' }));
  const others = problems
    .filter((p) => !missing.includes(p.field as GradeField))
    .map((p) => ({ field: p.field, problem: withoutFieldPrefix(p) }));
  return [...required, ...others];
}

function withoutFieldPrefix({ field, problem }: FieldProblem): string {
  return problem.startsWith(`${field} `) ? problem.slice(field.length + 1) : problem;
}

function serviceRuleProblems(
  plain: Record<string, unknown>,
  flagged: ReadonlySet<string>,
  options: GradeValidationOptions,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!flagged.has('gradedAt')) problems.push(...gradedAtProblems(String(plain['gradedAt']), options));
  if (!flagged.has('program')) problems.push(...programProblems(String(plain['program']), options));
  return problems;
}

function gradedAtProblems(gradedAt: string, { now, maxFutureSkewMs }: GradeValidationOptions): FieldProblem[] {
  const timestamp = toUtcTimestamp(gradedAt);
  // validator.js accepts week and ordinal dates ("2024-W01") that no Date can represent.
  if (Number.isNaN(timestamp)) return [{ field: 'gradedAt', problem: 'must be an ISO 8601 date-time' }];
  const lead = DATE_ONLY.test(gradedAt) ? EARLIEST_ZONE_LEAD_MS : 0;
  const latest = now.getTime() + maxFutureSkewMs + lead;
  if (timestamp <= latest) return [];
  return [{ field: 'gradedAt', problem: `must not be in the future (latest accepted: ${new Date(latest).toISOString()})` }];
}

function programProblems(program: string, { knownPrograms }: GradeValidationOptions): FieldProblem[] {
  if (knownPrograms.includes(program)) return [];
  return [{ field: 'program', problem: `must be one of the configured programmes: ${knownPrograms.join(', ')}` }];
}

function normalise(submission: GradeSubmissionV1): ValidGrade {
  return {
    studentId: submission.studentId,
    program: submission.program,
    yearOfStudy: submission.yearOfStudy,
    courseCode: submission.courseCode,
    assessmentId: submission.assessmentId,
    assessmentType: submission.assessmentType,
    score: submission.score,
    maxScore: submission.maxScore,
    gradedAt: new Date(toUtcTimestamp(submission.gradedAt)).toISOString(),
    sourceRecordId: submission.sourceRecordId,
    scoreStatus: submission.scoreStatus ?? DEFAULT_SCORE_STATUS,
    ...(submission.category !== undefined && { category: submission.category }),
    ...(submission.categoryWeight !== undefined && { categoryWeight: submission.categoryWeight }),
  };
}
