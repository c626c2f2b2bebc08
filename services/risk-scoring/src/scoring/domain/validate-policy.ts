import type {
  AssessmentWindow,
  CategoryWeighting,
  FormativeRule,
  MissedSessionRule,
  MissedSubmissionRule,
  RiskPolicySettings,
  RiskThresholds,
  ScoreStatusPolicy,
  TrendRule,
} from './risk-policy';

/** One thing wrong with a policy, addressed by its dotted path, e.g. `thresholds.urgent`. */
export interface PolicyProblem {
  field: string;
  message: string;
}

export type PolicyValidation = { valid: true; settings: RiskPolicySettings } | { valid: false; problems: PolicyProblem[] };

/**
 * Checks a policy body (PUT /v1/policies/:program) and lists every problem at once. `program` and
 * `version` may be present, so a client can send back what it read, but are ignored: the programme
 * comes from the path and the version from the store. Unknown fields are problems, because a
 * misspelt setting that is silently ignored would leave the old value in force unnoticed.
 */
export function validatePolicy(input: unknown): PolicyValidation {
  const problems: PolicyProblem[] = [];
  const reader = new Reader(problems);
  const body = reader.object({ path: '(body)', value: input }, [...SETTING_KEYS, 'program', 'version']);
  const settings: RiskPolicySettings = {
    window: readWindow(reader, reader.field(body, '', 'window')),
    minSummatives: reader.integer(reader.field(body, '', 'minSummatives'), 1, 50),
    thresholds: readThresholds(reader, reader.field(body, '', 'thresholds')),
    passMark: reader.number(reader.field(body, '', 'passMark'), 0, 100),
    hysteresisMargin: reader.number(reader.field(body, '', 'hysteresisMargin'), 0, 10),
    scoreStatuses: readScoreStatuses(reader, reader.field(body, '', 'scoreStatuses')),
    trendRule: reader.nullable(reader.field(body, '', 'trendRule'), (field) => readTrendRule(reader, field)),
    formativeRule: reader.nullable(reader.field(body, '', 'formativeRule'), (field) => readFormativeRule(reader, field)),
    missedSessionRule: reader.nullable(reader.field(body, '', 'missedSessionRule'), (field) => readMissedSessionRule(reader, field)),
    missedSubmissionRule: reader.nullable(reader.field(body, '', 'missedSubmissionRule'), (field) =>
      readMissedSubmissionRule(reader, field),
    ),
    categoryWeighting: reader.nullable(reader.field(body, '', 'categoryWeighting'), (field) => readCategoryWeighting(reader, field)),
  };
  if (problems.length === 0) problems.push(...crossFieldProblems(settings));
  return problems.length === 0 ? { valid: true, settings } : { valid: false, problems };
}

const SETTING_KEYS: ReadonlyArray<keyof RiskPolicySettings> = [
  'window',
  'minSummatives',
  'thresholds',
  'passMark',
  'hysteresisMargin',
  'scoreStatuses',
  'trendRule',
  'formativeRule',
  'missedSessionRule',
  'missedSubmissionRule',
  'categoryWeighting',
];

/** Relations between fields, checked once every field is valid on its own. */
function crossFieldProblems(settings: RiskPolicySettings): PolicyProblem[] {
  const { thresholds, window, trendRule } = settings;
  const problems: PolicyProblem[] = [];
  if (thresholds.urgent >= thresholds.atRisk) {
    problems.push({ field: 'thresholds.urgent', message: 'must be below thresholds.atRisk' });
  }
  if (thresholds.watch !== null && thresholds.watch <= thresholds.atRisk) {
    problems.push({ field: 'thresholds.watch', message: 'must be above thresholds.atRisk' });
  }
  if (window.kind === 'last-n' && window.count < settings.minSummatives) {
    problems.push({ field: 'window.count', message: 'must be at least minSummatives, or no mean is ever computed' });
  }
  if (window.kind === 'last-n' && trendRule !== null && trendRule.lastK > window.count) {
    problems.push({ field: 'trendRule.lastK', message: 'must be at most window.count, or the trend is never computed' });
  }
  return problems;
}

function readWindow(reader: Reader, field: Field): AssessmentWindow {
  const kind = reader.field(reader.object(field, ['kind', 'count', 'startMonth']), field.path, 'kind');
  if (kind.value === 'last-n') {
    const window = reader.object(field, ['kind', 'count']);
    return { kind: 'last-n', count: reader.integer(reader.field(window, field.path, 'count'), 1, 100) };
  }
  if (kind.value === 'academic-year') {
    const window = reader.object(field, ['kind', 'startMonth']);
    return { kind: 'academic-year', startMonth: reader.integer(reader.field(window, field.path, 'startMonth'), 1, 12) };
  }
  reader.problem(kind, "must be 'last-n' or 'academic-year'");
  return { kind: 'last-n', count: Number.NaN };
}

function readThresholds(reader: Reader, field: Field): RiskThresholds {
  const thresholds = reader.object(field, ['watch', 'atRisk', 'urgent']);
  return {
    watch: reader.nullable(reader.field(thresholds, field.path, 'watch'), (watch) => reader.number(watch, 0, 100)),
    atRisk: reader.number(reader.field(thresholds, field.path, 'atRisk'), 0, 100),
    urgent: reader.number(reader.field(thresholds, field.path, 'urgent'), 0, 100),
  };
}

function readScoreStatuses(reader: Reader, field: Field): ScoreStatusPolicy {
  const statuses = reader.object(field, ['submittedCounts', 'partiallyGradedCountsForFormatives', 'notSubmittedCountsAsZero']);
  return {
    submittedCounts: reader.boolean(reader.field(statuses, field.path, 'submittedCounts')),
    partiallyGradedCountsForFormatives: reader.boolean(reader.field(statuses, field.path, 'partiallyGradedCountsForFormatives')),
    notSubmittedCountsAsZero: reader.boolean(reader.field(statuses, field.path, 'notSubmittedCountsAsZero')),
  };
}

function readTrendRule(reader: Reader, field: Field): TrendRule {
  const rule = reader.object(field, ['lastK', 'minDrop']);
  return {
    // A line needs at least two points.
    lastK: reader.integer(reader.field(rule, field.path, 'lastK'), 2, 20),
    minDrop: reader.number(reader.field(rule, field.path, 'minDrop'), 0, 100),
  };
}

function readFormativeRule(reader: Reader, field: Field): FormativeRule {
  const rule = reader.object(field, ['minFormatives', 'threshold']);
  return {
    minFormatives: reader.integer(reader.field(rule, field.path, 'minFormatives'), 1, 50),
    threshold: reader.number(reader.field(rule, field.path, 'threshold'), 0, 100),
  };
}

function readMissedSessionRule(reader: Reader, field: Field): MissedSessionRule {
  const rule = reader.object(field, ['consecutive', 'escalatesAtRisk']);
  return {
    consecutive: reader.integer(reader.field(rule, field.path, 'consecutive'), 1, 20),
    escalatesAtRisk: reader.boolean(reader.field(rule, field.path, 'escalatesAtRisk')),
  };
}

function readMissedSubmissionRule(reader: Reader, field: Field): MissedSubmissionRule {
  const rule = reader.object(field, ['minCount']);
  return { minCount: reader.integer(reader.field(rule, field.path, 'minCount'), 1, 50) };
}

function readCategoryWeighting(reader: Reader, field: Field): CategoryWeighting {
  const weighting = reader.object(field, ['weights', 'uncategorisedWeight']);
  const weightsField = reader.field(weighting, field.path, 'weights');
  const weightsRecord = reader.object(weightsField, null);
  const weights = Object.fromEntries(
    Object.keys(weightsRecord).map((category) => [category, reader.number(reader.field(weightsRecord, weightsField.path, category), 0, 100)]),
  );
  const uncategorisedWeight = reader.number(reader.field(weighting, field.path, 'uncategorisedWeight'), 0, 100);
  if (Object.keys(weightsRecord).length === 0) reader.problem(weightsField, 'must list at least one category');
  else if (!Object.values(weights).some((weight) => weight > 0) && uncategorisedWeight === 0) {
    reader.problem(weightsField, 'must give at least one category, or uncategorisedWeight, a weight above 0');
  }
  return { weights, uncategorisedWeight };
}

/** A value and where it sits in the body. */
interface Field {
  path: string;
  value: unknown;
}

/**
 * Reads typed values and records a problem for each one that is wrong. What it returns for a
 * wrong value is a placeholder; the settings are only handed out when no problem was recorded.
 */
class Reader {
  constructor(private readonly problems: PolicyProblem[]) {}

  problem(field: Field, message: string): void {
    if (!this.problems.some((problem) => problem.field === field.path)) this.problems.push({ field: field.path, message });
  }

  field(record: Record<string, unknown>, parentPath: string, key: string): Field {
    return { path: parentPath === '' ? key : `${parentPath}.${key}`, value: record[key] };
  }

  /** An object whose keys must all be in `allowedKeys`; null allows any key. */
  object(field: Field, allowedKeys: readonly string[] | null): Record<string, unknown> {
    if (typeof field.value !== 'object' || field.value === null || Array.isArray(field.value)) {
      this.problem(field, field.value === undefined ? 'is required' : 'must be an object');
      return {};
    }
    const record = field.value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (allowedKeys !== null && !allowedKeys.includes(key)) this.problem(this.field(record, field.path === '(body)' ? '' : field.path, key), 'is not a policy setting');
    }
    return record;
  }

  number(field: Field, min: number, max: number): number {
    if (typeof field.value !== 'number' || !Number.isFinite(field.value) || field.value < min || field.value > max) {
      this.problem(field, field.value === undefined ? 'is required' : `must be a number from ${min} to ${max}`);
      return Number.NaN;
    }
    return field.value;
  }

  integer(field: Field, min: number, max: number): number {
    if (!Number.isInteger(field.value) || (field.value as number) < min || (field.value as number) > max) {
      this.problem(field, field.value === undefined ? 'is required' : `must be a whole number from ${min} to ${max}`);
      return Number.NaN;
    }
    return field.value as number;
  }

  boolean(field: Field): boolean {
    if (typeof field.value !== 'boolean') {
      this.problem(field, field.value === undefined ? 'is required' : 'must be true or false');
      return false;
    }
    return field.value;
  }

  /** Null switches a setting off; leaving it out is a problem, so that switching off is deliberate. */
  nullable<T>(field: Field, read: (field: Field) => T): T | null {
    return field.value === null ? null : read(field);
  }
}
