// Decorator metadata (design:type) drives implicit conversion, so the polyfill loads first.
import 'reflect-metadata';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { IsPostgresUrl } from './config-rules';
import { KafkaClientConfig } from './kafka-client-config';

/**
 * The HS256 key that `npm start`, tests and the token CLI share when AUTH_JWT_SECRET is unset.
 * It is public by design: any deployment outside a developer's machine must set its own secret
 * (or AUTH_JWKS_URL).
 */
export const DEV_JWT_SECRET = 'mentoring-platform-local-development-key-do-not-use-in-production';

/** The `iss` claim services expect unless AUTH_ISSUER says otherwise. */
export const DEFAULT_AUTH_ISSUER = 'mentoring-platform';

/** pino's level names, `silent` included. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PORT_PROBLEM = 'must be an integer port between 1 and 65535';

/**
 * Settings every service reads. A service extends it, adds its own variables (each needs at least
 * one class-validator rule, or it is not read from the environment) and sets its defaults, e.g.
 * `override PORT = 3001` and `override DATABASE_URL = 'postgres://postgres@localhost:5432/grade_ingest'`.
 */
export abstract class BaseServiceConfig extends KafkaClientConfig {
  @IsInt({ message: PORT_PROBLEM })
  @Min(1, { message: PORT_PROBLEM })
  @Max(65535, { message: PORT_PROBLEM })
  PORT!: number;

  @IsPostgresUrl()
  DATABASE_URL!: string;

  /** Prefixes every topic name so parallel test runs on one broker never share topics. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'must contain only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_NAMESPACE?: string;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (HS256 needs a 256-bit key)' })
  AUTH_JWT_SECRET: string = DEV_JWT_SECRET;

  /** When set, tokens are verified against this key set instead of AUTH_JWT_SECRET. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  @IsString()
  AUTH_ISSUER: string = DEFAULT_AUTH_ISSUER;
}
