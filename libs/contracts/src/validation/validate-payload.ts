import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** One problem with one field, as every API and dead letter reports it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

type ClassOf<T> = new () => T;

/** Validates a plain object against a payload class, listing every field-level problem at once. */
export function validatePayload<T extends object>(payloadClass: ClassOf<T>, plain: unknown): ValidationResult<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, problems: [{ field: '(root)', problem: 'must be a JSON object' }] };
  }
  const instance = plainToInstance(payloadClass, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length === 0) return { ok: true, value: instance };
  return { ok: false, problems: toFieldProblems(errors) };
}

/** Flattens class-validator errors into `{ field, problem }` pairs, nested paths dotted (`records.2.score`). */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

/** Renders problems as one line, for logs and dead-letter headers. */
export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
}
