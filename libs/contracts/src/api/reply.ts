import { plainToInstance } from 'class-transformer';
import { validateSync, ValidateIf, ValidationOptions } from 'class-validator';
import { FieldProblem, toFieldProblems } from '../validation/validate-payload';

/** A reply class: a service declares it as what a route answers, clients check replies against it. */
export type ReplyClass<T extends object> = new () => T;

/** A reply that is a JSON array of one reply class. */
export class ListOf<T extends object> {
  constructor(readonly item: ReplyClass<T>) {}
}

/** The shape of a reply that is a list of `item`. */
export function listOf<T extends object>(item: ReplyClass<T>): ListOf<T> {
  return new ListOf(item);
}

/** What a route answers: one object of a reply class, or a list of them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReplyShape = ReplyClass<any> | ListOf<any>;

/** The value a reply shape describes. */
export type ReplyOf<S extends ReplyShape> = S extends ListOf<infer T> ? T[] : S extends ReplyClass<infer T> ? T : never;

/**
 * What a service's handler may return for a reply class: the same fields, where a timestamp may
 * still be a `Date` (JSON turns it into the ISO string the class declares).
 */
export type Served<T> = T extends string
  ? T | Date
  : T extends ReadonlyArray<infer Item>
    ? ReadonlyArray<Served<Item>>
    : T extends object
      ? { [K in keyof T]: Served<T[K]> }
      : T;

/** A service's reply did not have the shape its reply class declares. */
export class ReplyMismatchError extends Error {
  constructor(
    /** Where the reply came from, e.g. `mentor-matching GET /v1/cases/c-1`. */
    readonly source: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${source} answered in an unexpected shape: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
    this.name = 'ReplyMismatchError';
  }
}

/**
 * Checks a parsed JSON reply against its reply shape and returns it as instances of the reply
 * classes; throws ReplyMismatchError naming every field that is missing, renamed or of the wrong kind.
 */
export function parseReply<S extends ReplyShape>(shape: S, body: unknown, source: string): ReplyOf<S> {
  if (shape instanceof ListOf) {
    if (!Array.isArray(body)) throw new ReplyMismatchError(source, [{ field: '(root)', problem: 'must be a JSON array' }]);
    return body.map((item, index) => parseObject(shape.item, item, source, `${index}`)) as ReplyOf<S>;
  }
  return parseObject(shape as ReplyClass<object>, body, source, '') as ReplyOf<S>;
}

function parseObject<T extends object>(replyClass: ReplyClass<T>, body: unknown, source: string, at: string): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ReplyMismatchError(source, [{ field: at || '(root)', problem: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(replyClass, body);
  // Fields a reply class does not declare are kept: a service may add fields without breaking clients.
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ReplyMismatchError(source, toFieldProblems(errors, at));
  return instance;
}

/** The field must be present; `null` is a valid value, any other value is checked by the field's other rules. */
export function Nullable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== null, options);
}
