import { Transform, Type } from 'class-transformer';
import { BaseAppConfig, DEV_CONSOLE_SIGNING_KEY, IsEd25519Pem, OwnKeyOutsideDevelopment, pemFromEnvironment } from '@mentoring/config';
import { IsBoolean, IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';

export const SERVICE_NAME = 'console';

const SERVICE_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const SERVICE_URL_PROBLEM = { message: 'must be an http(s) URL' };

/** console's settings; each variable is named like the environment variable it reads. */
export class ConsoleConfig extends BaseAppConfig {
  override PORT = 3000;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/console';

  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) GRADE_INGEST_URL = 'http://127.0.0.1:3001';
  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) RISK_SCORING_URL = 'http://127.0.0.1:3002';
  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) MENTOR_MATCHING_URL = 'http://127.0.0.1:3003';
  @IsUrl(SERVICE_URL, SERVICE_URL_PROBLEM) NOTIFICATION_URL = 'http://127.0.0.1:3004';

  /**
   * The console's Ed25519 private key (PKCS#8 PEM) that signs the short-lived token of every service
   * call; services trust its public half (AUTH_CONSOLE_PUBLIC_KEY) for person roles only. The
   * console holds no AUTH_JWT_SECRET, so it cannot mint ops, service or registrar-feed tokens.
   */
  @Transform(({ value }) => pemFromEnvironment(value))
  @IsEd25519Pem('private')
  @OwnKeyOutsideDevelopment()
  CONSOLE_SIGNING_KEY: string = DEV_CONSOLE_SIGNING_KEY;

  /** How long a sign-in lasts without activity. */
  @Type(() => Number) @IsInt() @Min(5) @Max(7 * 24 * 60) SESSION_IDLE_MINUTES = 120;

  /** Wrong passwords in a row for one username from one client that lock that username for that client. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100) SIGN_IN_MAX_FAILURES = 5;

  /** How long such a lock refuses that client, even with the right password; further attempts do not extend it. */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) SIGN_IN_LOCK_MINUTES = 15;

  /**
   * Wrong passwords for one username from all clients together, within SIGN_IN_ACCOUNT_WINDOW_MINUTES,
   * after which clients that never signed in to it are refused until the window ends (slows guessing
   * spread over many addresses; the owner's usual clients keep signing in).
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) SIGN_IN_ACCOUNT_MAX_FAILURES = 20;

  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) SIGN_IN_ACCOUNT_WINDOW_MINUTES = 60;

  /** Sign-in attempts one client (IPv4 address or IPv6 /64) may make within SIGN_IN_CLIENT_WINDOW_MINUTES, whatever the usernames. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100_000) SIGN_IN_CLIENT_MAX_ATTEMPTS = 30;

  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) SIGN_IN_CLIENT_WINDOW_MINUTES = 5;

  /** Password hashes this process computes at once (each takes 32 MiB and a core for a moment). */
  @Type(() => Number) @IsInt() @Min(1) @Max(64) SIGN_IN_HASH_CONCURRENCY = 2;

  /** Sign-ins that may wait for a hashing slot; beyond that they are answered 503 at once, without hashing. */
  @Type(() => Number) @IsInt() @Min(0) @Max(1000) SIGN_IN_HASH_QUEUE = 8;

  /**
   * The Secure flag of the session cookie. Browsers honour Secure cookies on http://localhost and
   * http://127.0.0.1, so it stays on here too; turn it off only behind a plain-HTTP proxy on another host.
   */
  @IsBoolean({ message: 'must be true or false' }) COOKIE_SECURE = true;

  /** How long a service call may take before the page reports the service as unreachable. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) SERVICE_TIMEOUT_MS = 10_000;

  /**
   * The trace UI's address of one trace, with `{traceId}` where the id goes (Jaeger:
   * `http://host:16686/trace/{traceId}`; Grafana Explore with Tempo takes it in its query). Unset,
   * the ops pages show trace ids without links.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]*\{traceId\}[^\s]*$/, { message: 'must be an http(s) URL containing {traceId}' })
  TRACE_URL_TEMPLATE?: string;
}
