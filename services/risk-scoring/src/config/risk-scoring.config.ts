import { BaseServiceConfig } from '@mentoring/config';
import { IsInt, Max, Min } from 'class-validator';

export class RiskScoringConfig extends BaseServiceConfig {
  override PORT = 3002;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/risk_scoring';

  /** Students re-scored per transaction by a re-score job; the job's cursor advances once per chunk. */
  @IsInt() @Min(1) @Max(5000) RESCORE_CHUNK_SIZE = 500;

  /** How often an idle replica looks for a re-score job to work on. */
  @IsInt() @Min(50) @Max(60_000) RESCORE_POLL_INTERVAL_MS = 500;
}
