import { Type } from 'class-transformer';
import { BaseServiceConfig } from '@mentoring/config';
import { IsBoolean, IsInt, IsUrl, Max, Min } from 'class-validator';

export const SERVICE_NAME = 'console';

const SERVICE_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const SERVICE_URL_PROBLEM = { message: 'must be an http(s) URL' };

/** console's settings; each variable is named like the environment variable it reads. */
export class ConsoleConfig extends BaseServiceConfig {
  override PORT = 3000;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/console';

  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) GRADE_INGEST_URL = 'http://127.0.0.1:3001';
  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) RISK_SCORING_URL = 'http://127.0.0.1:3002';
  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) MENTOR_MATCHING_URL = 'http://127.0.0.1:3003';
  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) NOTIFICATION_URL = 'http://127.0.0.1:3004';

  /** How long a sign-in lasts without activity. */
  @Type(() => Number) @IsInt() @Min(5) @Max(7 * 24 * 60) SESSION_IDLE_MINUTES = 120;

  /** Wrong passwords in a row that lock an account, so passwords cannot be guessed online. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100) SIGN_IN_MAX_FAILURES = 5;

  /** How long a locked account refuses every sign-in, even with the right password. */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) SIGN_IN_LOCK_MINUTES = 15;

  /**
   * The Secure flag of the session cookie. Browsers honour Secure cookies on http://localhost and
   * http://127.0.0.1, so it stays on here too; turn it off only behind a plain-HTTP proxy on another host.
   */
  @IsBoolean({ message: 'must be true or false' }) COOKIE_SECURE = true;

  /** How long a service call may take before the page reports the service as unreachable. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) SERVICE_TIMEOUT_MS = 10_000;
}
