import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { FieldProblem, toFieldProblems } from '@mentoring/contracts';

/** The 400 body every service returns for bad input: every problem, each tied to its field path. */
export interface ValidationProblemBody {
  statusCode: 400;
  error: 'Bad Request';
  problems: FieldProblem[];
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
