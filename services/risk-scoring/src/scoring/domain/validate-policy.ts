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
  const body = reader.object({ path: BODY, value: input }, [...SETTING_KEYS, 'program', 'version']);
  const settings: RiskPolicySettings = {
    window: readWindow(reader, body.field('window')),
    minSummatives: reader.integer(body.field('minSummatives'), 1, 50),
    thresholds: readThresholds(reader, body.field('thresholds')),
    passMark: reader.number(body.field('passMark'), 0, 100),
    hysteresisMargin: reader.number(body.field('hysteresisMargin'), 0, 10),
    scoreStatuses: readScoreStatuses(reader, body.field('scoreStatuses')),
    trendRule: reader.nullable(body.field('trendRule'), (field) => readTrendRule(reader, field)),
    formativeRule: reader.nullable(body.field('formativeRule'), (field) => readFormativeRule(reader, field)),
    missedSessionRule: reader.nullable(body.field('missedSessionRule'), (field) => readMissedSessionRule(reader, field)),
    missedSubmissionRule: reader.nullable(body.field('missedSubmissionRule'), (field) => readMissedSubmissionRule(reader, field)),
    categoryWeighting: reader.nullable(body.field('categoryWeighting'), (field) => readCategoryWeighting(reader, field)),
  };
  if (problems.length === 0) problems.push(...crossFieldProblems(settings));
  return problems.length === 0 ? { valid: true, settings } : { valid: false, problems };
}

/** The path problems with the body as a whole are reported under. */
const BODY = '(body)';

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
    problems.push({ field: 'window.count', message: 'must be at least minSummatives, or no mean is ever taken' });
  }
  if (window.kind === 'last-n' && trendRule !== null && trendRule.lastK > window.count) {
    problems.push({ field: 'trendRule.lastK', message: 'must be at most window.count, or no trend is ever taken' });
  }
  return problems;
}

function readWindow(reader: Reader, field: Field): AssessmentWindow {
  const kind = reader.object(field, null).field('kind');
  if (kind.value === 'last-n') {
    return { kind: 'last-n', count: reader.integer(reader.object(field, ['kind', 'count']).field('count'), 1, 100) };
  }
  if (kind.value === 'academic-year') {
    const window = reader.object(field, ['kind', 'startMonth']);
    return { kind: 'academic-year', startMonth: reader.integer(window.field('startMonth'), 1, 12) };
  }
  reader.problem(kind, kind.value === undefined ? 'is required' : "must be 'last-n' or 'academic-year'");
  return { kind: 'last-n', count: Number.NaN };
}

function readThresholds(reader: Reader, field: Field): RiskThresholds {
  const thresholds = reader.object(field, ['watch', 'atRisk', 'urgent']);
  return {
    watch: reader.nullable(thresholds.field('watch'), (watch) => reader.number(watch, 0, 100)),
    atRisk: reader.number(thresholds.field('atRisk'), 0, 100),
    urgent: reader.number(thresholds.field('urgent'), 0, 100),
  };
}

function readScoreStatuses(reader: Reader, field: Field): ScoreStatusPolicy {
  const statuses = reader.object(field, ['submittedCounts', 'partiallyGradedCountsForFormatives', 'notSubmittedCountsAsZero']);
  return {
    submittedCounts: reader.boolean(statuses.field('submittedCounts')),
    partiallyGradedCountsForFormatives: reader.boolean(statuses.field('partiallyGradedCountsForFormatives')),
    notSubmittedCountsAsZero: reader.boolean(statuses.field('notSubmittedCountsAsZero')),
  };
}

function readTrendRule(reader: Reader, field: Field): TrendRule {
  const rule = reader.object(field, ['lastK', 'minDrop']);
  // A line needs at least two points.
  return { lastK: reader.integer(rule.field('lastK'), 2, 20), minDrop: reader.number(rule.field('minDrop'), 0, 100) };
}

function readFormativeRule(reader: Reader, field: Field): FormativeRule {
  const rule = reader.object(field, ['minFormatives', 'threshold']);
  return {
    minFormatives: reader.integer(rule.field('minFormatives'), 1, 50),
    threshold: reader.number(rule.field('threshold'), 0, 100),
  };
}

function readMissedSessionRule(reader: Reader, field: Field): MissedSessionRule {
  const rule = reader.object(field, ['consecutive', 'escalatesAtRisk']);
  return {
    consecutive: reader.integer(rule.field('consecutive'), 1, 20),
    escalatesAtRisk: reader.boolean(rule.field('escalatesAtRisk')),
  };
}

function readMissedSubmissionRule(reader: Reader, field: Field): MissedSubmissionRule {
  return { minCount: reader.integer(reader.object(field, ['minCount']).field('minCount'), 1, 50) };
}

// A weighting under which no grade could ever count would leave every mean empty, and with it
// every summative rule silent: it is refused rather than saved.
function readCategoryWeighting(reader: Reader, field: Field): CategoryWeighting {
  const weighting = reader.object(field, ['weights', 'uncategorisedWeight', 'useFeedWeights']);
  const weightsField = weighting.field('weights');
  const categories = reader.object(weightsField, null);
  const weights = Object.fromEntries(categories.keys.map((category) => [category, reader.number(categories.field(category), 0, 100)]));
  const uncategorisedWeight = reader.number(weighting.field('uncategorisedWeight'), 0, 100);
  const feedField = weighting.field('useFeedWeights');
  const useFeedWeights = feedField.value === undefined ? false : reader.boolean(feedField);
  if (categories.keys.length === 0 && !useFeedWeights) {
    reader.problem(weightsField, 'must list at least one category, unless useFeedWeights takes the weights the feed sends');
  } else if (!useFeedWeights && Object.values(weights).every((weight) => weight === 0) && uncategorisedWeight === 0) {
    reader.problem(weightsField, 'must give at least one category, or uncategorisedWeight, a weight above 0: otherwise no assessment counts');
  }
  return { weights, uncategorisedWeight, ...(useFeedWeights && { useFeedWeights }) };
}

/** A value and where it sits in the body, e.g. `thresholds.atRisk`. */
interface Field {
  path: string;
  value: unknown;
}

/** The fields of an object in the body. */
interface Section {
  keys: string[];
  field(key: string): Field;
}

/**
 * Reads typed values and records a problem for each wrong one (the first per field). What it
 * returns for a wrong value is a placeholder: settings are only handed out when no problem was found.
 */
class Reader {
  constructor(private readonly problems: PolicyProblem[]) {}

  /** One problem per field, and none inside a field that is already wrong. */
  problem(field: Field, message: string): void {
    const covered = this.problems.some(
      (problem) => problem.field === BODY || field.path === problem.field || field.path.startsWith(`${problem.field}.`),
    );
    if (!covered) this.problems.push({ field: field.path, message });
  }

  /** An object whose keys must all be in `allowedKeys`; null allows any key. */
  object(field: Field, allowedKeys: readonly string[] | null): Section {
    const record = this.isRecord(field.value) ? field.value : {};
    if (!this.isRecord(field.value)) this.problem(field, field.value === undefined ? 'is required' : 'must be an object');
    const section: Section = {
      keys: Object.keys(record),
      field: (key) => ({ path: field.path === BODY ? key : `${field.path}.${key}`, value: record[key] }),
    };
    for (const key of section.keys) {
      if (allowedKeys !== null && !allowedKeys.includes(key)) this.problem(section.field(key), 'is not a policy setting');
    }
    return section;
  }

  number(field: Field, min: number, max: number): number {
    const { value } = field;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
    this.problem(field, value === undefined ? 'is required' : `must be a number from ${min} to ${max}`);
    return Number.NaN;
  }

  integer(field: Field, min: number, max: number): number {
    const { value } = field;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.problem(field, value === undefined ? 'is required' : `must be a whole number from ${min} to ${max}`);
    return Number.NaN;
  }

  boolean(field: Field): boolean {
    if (typeof field.value === 'boolean') return field.value;
    this.problem(field, field.value === undefined ? 'is required' : 'must be true or false');
    return false;
  }

  /** Null switches a setting off; leaving it out is a problem, so switching off is always deliberate. */
  nullable<T>(field: Field, read: (field: Field) => T): T | null {
    return field.value === null ? null : read(field);
  }

  private isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}
