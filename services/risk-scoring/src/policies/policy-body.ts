import { BadRequestException } from '@nestjs/common';
import type { ValidationProblemBody } from '@mentoring/platform';
import { RiskPolicySettings, validatePolicy } from '../scoring/domain';

/** The settings in a policy body (PUT or preview), or a 400 listing every problem by field. */
export function parsePolicyBody(body: unknown): RiskPolicySettings {
  const validation = validatePolicy(body);
  if (validation.valid) return validation.settings;
  const problemBody: ValidationProblemBody = {
    statusCode: 400,
    error: 'Bad Request',
    problems: validation.problems.map(({ field, message }) => ({ field, problem: message })),
  };
  throw new BadRequestException(problemBody);
}
