// Decorator metadata (design:type) drives implicit conversion, so the polyfill loads first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsBindHost, IsPostgresUrl } from './config-rules';
import { OnlyInDevelopment } from './development-keys';
import { KafkaClientConfig } from './kafka-client-config';

/** The `iss` claim services expect unless AUTH_ISSUER says otherwise. */
export const DEFAULT_AUTH_ISSUER = 'mentoring-platform';

/** pino's level names, `silent` included. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PORT_PROBLEM = 'must be an integer port between 1 and 65535';

/**
 * Largest request body a process accepts unless HTTP_BODY_LIMIT_MB says otherwise: a 10,000-row
 * import (students with preferred times, mentors with availability and leave, grades) takes a few
 * MB as JSON or CSV, so 32 MB leaves room without letting one request hold much memory.
 */
export const DEFAULT_HTTP_BODY_LIMIT_MB = 32;
const BODY_LIMIT_PROBLEM = 'must be a whole number of MB between 1 and 1024';

/**
 * Settings every process with a port reads (the services through BaseServiceConfig, the console
 * directly). A subclass adds its own variables (each needs at least one class-validator rule, or it
 * is not read from the environment) and sets its defaults, e.g. `override PORT = 3001` and
 * `override DATABASE_URL = 'postgres://postgres@localhost:5432/grade_ingest'`.
 */
export abstract class BaseAppConfig extends KafkaClientConfig {
  @IsInt({ message: PORT_PROBLEM })
  @Min(1, { message: PORT_PROBLEM })
  @Max(65535, { message: PORT_PROBLEM })
  PORT!: number;

  /** The address to listen on: loopback unless a container (or a deployer) says otherwise. */
  @IsBindHost()
  HOST = '127.0.0.1';

  @IsPostgresUrl()
  DATABASE_URL!: string;

  /** Prefixes every topic name so parallel test runs on one broker never share topics. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'must contain only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_NAMESPACE?: string;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Largest request body (JSON, form or CSV), in MB; a larger one is answered 413 naming this limit. */
  @Type(() => Number)
  @IsInt({ message: BODY_LIMIT_PROBLEM })
  @Min(1, { message: BODY_LIMIT_PROBLEM })
  @Max(1024, { message: BODY_LIMIT_PROBLEM })
  HTTP_BODY_LIMIT_MB: number = DEFAULT_HTTP_BODY_LIMIT_MB;

  /**
   * Development made explicit: only then are the published development keys accepted (they are
   * the defaults, so without it a process whose keys are not set refuses to start).
   */
  // The annotation emits design:type Boolean, which makes loadConfig read "true"/"false" as words.
  // eslint-disable-next-line @typescript-eslint/no-inferrable-types
  @IsBoolean({ message: 'must be true or false' })
  MENTORING_DEV_MODE: boolean = false;

  /**
   * Development only: a file holding a number of milliseconds added to this process's clock, so a
   * browser test or the demo can move the time of every process at once (libs/testing Pipeline's
   * advanceClock). Refused unless MENTORING_DEV_MODE is true.
   */
  @IsOptional()
  @IsString()
  @OnlyInDevelopment()
  MENTORING_CLOCK_FILE?: string;
}
