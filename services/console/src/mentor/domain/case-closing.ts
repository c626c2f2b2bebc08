import { CASE_OUTCOMES, CaseOutcome, FieldProblem } from '@mentoring/contracts';

/** The close form as posted. */
export interface CloseForm {
  outcome?: string;
  referredTo?: string;
  reason?: string;
}

export interface CloseChoice {
  outcome: CaseOutcome;
  label: string;
  hint: string;
}

/** Each way a case ends, as a mentor would say it, with what mentor-matching asks of it. */
export const CLOSE_CHOICES: readonly CloseChoice[] = [
  { outcome: 'met', label: 'We met and the goals are met', hint: 'After at least one meeting that took place.' },
  { outcome: 'improved', label: 'The student has improved', hint: 'Things are going well enough that mentoring can end.' },
  { outcome: 'referred', label: 'Referred to another service', hint: 'Say to whom, so the coordinator can follow up.' },
  { outcome: 'declined-by-student', label: 'The student declined mentoring', hint: 'They said they do not want a mentor now.' },
  { outcome: 'unreachable', label: 'The student could not be reached', hint: 'After at least 3 recorded attempts to reach them.' },
];

/** The field names the close form uses, so problems from mentor-matching land beside the right control. */
const FIELD_OF_PROBLEM: Record<string, 'outcome' | 'referredTo' | 'reason'> = { outcome: 'outcome', referredTo: 'referredTo', reason: 'reason' };

export type CloseCheck = { ok: true; body: { outcome: CaseOutcome; referredTo?: string; reason?: string } } | { ok: false; problems: FieldProblem[] };

/** Checks the form before it is sent: an outcome of the list, and for a referral, to whom. */
export function checkCloseForm(form: CloseForm): CloseCheck {
  const outcome = String(form.outcome ?? '');
  const referredTo = String(form.referredTo ?? '').trim();
  const reason = String(form.reason ?? '').trim();
  const problems: FieldProblem[] = [];
  if (!(CASE_OUTCOMES as readonly string[]).includes(outcome)) problems.push({ field: 'outcome', problem: 'Please choose how the case ended.' });
  if (outcome === 'referred' && referredTo === '') problems.push({ field: 'referredTo', problem: 'Please say to whom you referred the student.' });
  if (referredTo.length > 200) problems.push({ field: 'referredTo', problem: 'Please keep this under 200 characters.' });
  if (reason.length > 500) problems.push({ field: 'reason', problem: 'Please keep the note under 500 characters.' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: { outcome: outcome as CaseOutcome, ...(outcome === 'referred' ? { referredTo } : {}), ...(reason ? { reason } : {}) },
  };
}

export interface CloseFormView {
  choices: Array<CloseChoice & { checked: boolean }>;
  referredTo: string;
  reason: string;
  /** Problems by form field; `general` for those that name no field. */
  problems: Partial<Record<'outcome' | 'referredTo' | 'reason' | 'general', string>>;
  hasProblems: boolean;
}

/**
 * The close form to show: empty, or as the mentor filled it in with the problems found here or by
 * mentor-matching (a refusal without a field, such as "unreachable" before 3 attempts, sits by the outcome).
 */
export function closeFormView(form: CloseForm = {}, problems: readonly FieldProblem[] = [], refusal?: string): CloseFormView {
  const byField: CloseFormView['problems'] = {};
  for (const problem of problems) {
    const field = FIELD_OF_PROBLEM[problem.field] ?? 'general';
    byField[field] = byField[field] ? `${byField[field]} ${problem.problem}` : problem.problem;
  }
  if (refusal && problems.length === 0) byField.outcome = refusal;
  return {
    choices: CLOSE_CHOICES.map((choice) => ({ ...choice, checked: choice.outcome === form.outcome })),
    referredTo: String(form.referredTo ?? ''),
    reason: String(form.reason ?? ''),
    problems: byField,
    hasProblems: Object.keys(byField).length > 0,
  };
}
