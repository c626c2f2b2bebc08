import { BadRequestException } from '@nestjs/common';
import type { FieldProblem } from '@mentoring/contracts';
import type { ValidationProblemBody } from '@mentoring/platform';

/** A 400 listing every problem, in the shape the global validation pipe uses. */
export function problemsException(problems: readonly FieldProblem[]): BadRequestException {
  const body: ValidationProblemBody = { statusCode: 400, error: 'Bad Request', problems: [...problems] };
  return new BadRequestException(body);
}

export function assertNoProblems(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw problemsException(problems);
}
