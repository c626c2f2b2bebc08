import { Inject, Injectable } from '@nestjs/common';
import { ValidationResult } from '@mentoring/contracts';
import { CLOCK, Clock } from '@mentoring/platform';
import { GradeIngestConfig } from '../config/grade-ingest.config';
import { GradeValidationOptions, validateGradeSubmission, ValidGrade } from './domain';

/** The grade rules with this service's settings and clock, shared by all three paths. */
@Injectable()
export class GradeValidator {
  constructor(
    private readonly config: GradeIngestConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  options(): GradeValidationOptions {
    return {
      now: this.clock.now(),
      maxFutureSkewMs: this.config.MAX_FUTURE_SKEW_SECONDS * 1000,
      knownPrograms: this.config.KNOWN_PROGRAMS,
    };
  }

  validate(plain: unknown): ValidationResult<ValidGrade> {
    return validateGradeSubmission(plain, this.options());
  }
}
