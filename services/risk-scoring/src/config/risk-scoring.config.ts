import { BaseServiceConfig } from '@mentoring/config';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { MONTH_DAY_PATTERN } from './month-day';

export class RiskScoringConfig extends BaseServiceConfig {
  override PORT = 3002;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/risk_scoring';

  // @Type: an unannotated field carries no design type, so the environment string needs telling.
  /** Students re-scored per transaction by a re-score job; the job's cursor advances once per chunk. */
  @Type(() => Number) @IsInt() @Min(1) @Max(5000) RESCORE_CHUNK_SIZE = 500;

  /** How often an idle replica looks for a re-score job to work on. */
  @Type(() => Number) @IsInt() @Min(50) @Max(60_000) RESCORE_POLL_INTERVAL_MS = 500;

  /**
   * First day of the academic year (MM-DD, UTC): missed mentoring sessions count toward a
   * student's standing only within the current year, so a new year starts with a clean slate.
   */
  @Matches(MONTH_DAY_PATTERN, { message: 'must be a day of the year as MM-DD (such as 08-01), and not 02-29' }) ACADEMIC_YEAR_START = '08-01';
}
