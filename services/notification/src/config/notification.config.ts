import { BaseServiceConfig, DEV_LINK_SECRET, DEV_REPLY_SECRET, OwnKeyOutsideDevelopment } from '@mentoring/config';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

export const SERVICE_NAME = 'notification';

/**
 * The HMAC key of student links when LINK_SECRET is unset. Public by design, like the development
 * JWT key: outside development mode (MENTORING_DEV_MODE) notification refuses to start with it.
 */
export { DEV_LINK_SECRET };

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const QUIET_HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** notification's settings; each variable is named like the environment variable it reads. */
export class NotificationConfig extends BaseServiceConfig {
  override PORT = 3004;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/notification';

  /** Where email goes: the local catcher by default (smtp:// or smtps://, credentials in the URL). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['smtp', 'smtps'] }, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** The From address of every email; its domain also names Message-IDs and calendar UIDs. */
  @IsEmail({ allow_display_name: true, require_tld: false }, { message: 'must be an address such as "Mentoring Team <mentoring@example.edu>"' })
  MAIL_FROM = 'The Student Mentoring Team <mentoring@mentoring.localhost>';

  /** The console's address: every link in a message points there. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  /** HMAC key of the signed links in messages (the link is the student's credential). */
  @IsString() @MinLength(32, { message: 'must be at least 32 characters (HMAC-SHA256 needs a 256-bit key)' })
  @OwnKeyOutsideDevelopment()
  LINK_SECRET = DEV_LINK_SECRET;

  // @Type on numbers: an unannotated field has no design type, so nothing else converts the environment's strings.
  /**
   * How long a link in a message stays valid. A link is a credential, so it is short-lived: every
   * new message carries freshly signed links, and a week covers a deferred or digested message.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(30) LINK_TTL_DAYS = 7;

  /** Signs every message. */
  @IsString() @MinLength(1) TEAM_NAME = 'The Student Mentoring Team';

  /** The school's well-being page, offered in every message to a student. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  WELLBEING_URL = 'http://127.0.0.1:3000/wellbeing';

  /** Emails per recipient per rolling 24 hours unless they chose otherwise; 0 means no cap. */
  @Type(() => Number) @IsInt() @Min(0) @Max(1000) DEFAULT_MAX_EMAILS_PER_24H = 5;

  /** Quiet hours of recipients who chose none, "HH:mm-HH:mm" in their time zone; unset means none. */
  @IsOptional() @Matches(QUIET_HOURS, { message: 'must look like 22:00-07:00' })
  DEFAULT_QUIET_HOURS?: string;

  /** When coordinators who chose the daily digest receive it, in their time zone. */
  @Matches(CLOCK_TIME, { message: 'must be a time such as 08:00' })
  COORDINATOR_DIGEST_TIME = '08:00';

  /** How often the delivery worker looks for due email when it found none. */
  @Type(() => Number) @IsInt() @Min(10) @Max(60_000) DELIVERY_POLL_MS = 1_000;

  /** Emails one replica claims per round. */
  @Type(() => Number) @IsInt() @Min(1) @Max(500) DELIVERY_BATCH_SIZE = 20;

  /** SMTP conversations one replica holds at once. */
  @Type(() => Number) @IsInt() @Min(1) @Max(50) DELIVERY_CONCURRENCY = 4;

  /** First retry delay after an SMTP failure; each further failure doubles it. */
  @Type(() => Number) @IsInt() @Min(10) @Max(3_600_000) DELIVERY_RETRY_BASE_MS = 30_000;

  /** Longest delay between two attempts. */
  @Type(() => Number) @IsInt() @Min(10) @Max(86_400_000) DELIVERY_RETRY_MAX_MS = 1_800_000;

  /** Attempts before an email is given up as failed (it stays in the inbox). */
  @Type(() => Number) @IsInt() @Min(1) @Max(100) DELIVERY_MAX_ATTEMPTS = 12;

  /** SMTP connection, greeting and socket timeout; the claim lease is derived from it, so a send never outlives its claim. */
  @Type(() => Number) @IsInt() @Min(100) @Max(300_000) SMTP_TIMEOUT_MS = 20_000;

  /** How often deferred and held email is reconsidered (quiet hours ending, caps freeing up, digests due). */
  @Type(() => Number) @IsInt() @Min(10) @Max(600_000) SCHEDULER_POLL_MS = 5_000;

  /**
   * The port of the inbound SMTP listener that takes replies to case-thread emails; 0 lets the
   * system pick a free one (tests read it back).
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(65_535) INBOUND_SMTP_PORT = 2525;

  /** The interface the inbound SMTP listener binds; put a relay (MX) in front of it in production. */
  @IsString() @MinLength(1) INBOUND_SMTP_HOST = '127.0.0.1';

  /** The domain of reply addresses (the part after @); unset: the domain of MAIL_FROM. */
  @IsOptional() @Matches(/^[A-Za-z0-9.-]+$/, { message: 'must be a domain such as reply.example.edu' })
  REPLY_DOMAIN?: string;

  /** HMAC key of the per-case, per-person reply addresses: whoever holds it can write into any thread. */
  @IsString() @MinLength(32, { message: 'must be at least 32 characters (HMAC-SHA256 needs a 256-bit key)' })
  @OwnKeyOutsideDevelopment()
  REPLY_SECRET = DEV_REPLY_SECRET;

  /** The largest reply the listener takes, in bytes; a bigger one is refused at SMTP level. */
  @Type(() => Number) @IsInt() @Min(1_024) @Max(10_485_760) INBOUND_MAX_BYTES = 262_144;
}
