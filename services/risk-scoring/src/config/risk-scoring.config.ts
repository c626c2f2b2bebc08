import { BaseServiceConfig } from '@mentoring/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class RiskScoringConfig extends BaseServiceConfig {
  override PORT = 3002;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/risk_scoring';

  // @Type: an unannotated field carries no design type, so the environment string needs telling.
  /** Students re-scored per transaction by a re-score job; the job's cursor advances once per chunk. */
  @Type(() => Number) @IsInt() @Min(1) @Max(5000) RESCORE_CHUNK_SIZE = 500;

  /** How often an idle replica looks for a re-score job to work on. */
  @Type(() => Number) @IsInt() @Min(50) @Max(60_000) RESCORE_POLL_INTERVAL_MS = 500;
}
