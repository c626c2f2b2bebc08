import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from '@mentoring/contracts';

/** The 400 body every service returns for bad input: every problem, each tied to its field path. */
export interface ValidationProblemBody {
  statusCode: 400;
  error: 'Bad Request';
  problems: FieldProblem[];
}

/** Flattens class-validator errors into `{ field, problem }` pairs, nested paths dotted (`records.2.score`). */
export function toFieldProblems(errors: ValidationError[], parentPath = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

/** The global pipe: strips unknown fields, converts types, and reports every problem at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors) => {
      const body: ValidationProblemBody = { statusCode: 400, error: 'Bad Request', problems: toFieldProblems(errors) };
      return new BadRequestException(body);
    },
  });
}
