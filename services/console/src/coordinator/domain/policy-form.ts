import type { FieldProblem, RiskPolicyReply } from '@mentoring/contracts';

/**
 * The part of a programme's risk policy the console edits. Settings the reply class does not name
 * (the window, weights) are still on the parsed policy and travel back with it unchanged.
 */
export type RiskPolicyBody = Omit<RiskPolicyReply, 'program' | 'version'>;

/** The form's fields, as the browser posts them (strings). */
export type PolicyForm = Partial<Record<PolicyField, string>>;

interface FieldSpec {
  label: string;
  /** Blank switches the setting off (null) instead of being a problem. */
  optional?: boolean;
  read(policy: RiskPolicyBody): number | null;
  write(policy: RiskPolicyBody, value: number | null): RiskPolicyBody;
}

const FIELDS = {
  'thresholds.watch': {
    label: 'Watch below (% summative mean; blank for none)',
    optional: true,
    read: (policy) => policy.thresholds.watch,
    write: (policy, value) => ({ ...policy, thresholds: { ...policy.thresholds, watch: value } }),
  },
  'thresholds.atRisk': {
    label: 'At risk below (% summative mean)',
    read: (policy) => policy.thresholds.atRisk,
    write: (policy, value) => ({ ...policy, thresholds: { ...policy.thresholds, atRisk: value as number } }),
  },
  'thresholds.urgent': {
    label: 'Urgent below (% summative mean)',
    read: (policy) => policy.thresholds.urgent,
    write: (policy, value) => ({ ...policy, thresholds: { ...policy.thresholds, urgent: value as number } }),
  },
  passMark: { label: 'Pass mark (%)', read: (policy) => policy.passMark, write: (policy, value) => ({ ...policy, passMark: value as number }) },
  hysteresisMargin: {
    label: 'Margin to leave a level (points)',
    read: (policy) => policy.hysteresisMargin,
    write: (policy, value) => ({ ...policy, hysteresisMargin: value as number }),
  },
  minSummatives: {
    label: 'Summatives needed before a mean counts',
    read: (policy) => policy.minSummatives,
    write: (policy, value) => ({ ...policy, minSummatives: value as number }),
  },
} satisfies Record<string, FieldSpec>;

export type PolicyField = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as PolicyField[];

/** One form field with its label and value, for the policy page. */
export interface PolicyFieldView {
  name: PolicyField;
  id: string;
  label: string;
  value: string;
}

/** The form's fields filled from a policy (or from what the coordinator typed). */
export function policyFields(policy: RiskPolicyBody, typed: PolicyForm = {}): PolicyFieldView[] {
  return FIELD_NAMES.map((name) => {
    const current = FIELDS[name].read(policy);
    return { name, id: name.replace('.', '-'), label: FIELDS[name].label, value: typed[name] ?? (current === null ? '' : String(current)) };
  });
}

/**
 * The policy body the form asks for: the current policy with the form's settings in place, or
 * every field that is not a number. The service checks the rules (ranges, order of thresholds).
 */
export function applyPolicyForm(current: RiskPolicyReply, form: PolicyForm): { body: RiskPolicyBody; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let body = withoutIdentity(current);
  for (const name of FIELD_NAMES) {
    const spec: FieldSpec = FIELDS[name];
    const raw = (form[name] ?? '').trim();
    if (raw === '' && spec.optional) {
      body = spec.write(body, null);
      continue;
    }
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) problems.push({ field: name, problem: 'must be a number' });
    else body = spec.write(body, value);
  }
  return { body, problems };
}

/** A setting the form would change, with its value now and proposed. */
export interface PolicyChange {
  label: string;
  from: string;
  to: string;
}

export function policyChanges(current: RiskPolicyBody, proposed: RiskPolicyBody): PolicyChange[] {
  const shown = (value: number | null) => (value === null ? 'off' : String(value));
  return FIELD_NAMES.map((name) => ({ spec: FIELDS[name] as FieldSpec, name }))
    .filter(({ spec }) => spec.read(current) !== spec.read(proposed))
    .map(({ spec }) => ({ label: spec.label, from: shown(spec.read(current)), to: shown(spec.read(proposed)) }));
}

/** Only the form's own fields, from a posted body that also carries `_csrf` and others. */
export function policyFormOf(posted: Record<string, unknown>): PolicyForm {
  return Object.fromEntries(FIELD_NAMES.filter((name) => typeof posted[name] === 'string').map((name) => [name, posted[name] as string]));
}

function withoutIdentity(policy: RiskPolicyReply): RiskPolicyBody {
  const { program: _program, version: _version, ...settings } = policy;
  return settings;
}
