import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, NotEquals } from 'class-validator';
import { BaseAppConfig, DEFAULT_AUTH_ISSUER } from './base-service-config';
import { IsEd25519Pem, IsTrustworthyKeySetUrl } from './config-rules';
import { DEV_CONSOLE_PUBLIC_KEY, DEV_JWT_SECRET, OwnKeyOutsideDevelopment, pemFromEnvironment } from './development-keys';

/** The `iss` of tokens the console signs for the person it acts for; services never accept it for a machine role. */
export const CONSOLE_ISSUER = 'mentoring-console';

/** Longest `exp - iat` a service accepts unless AUTH_MAX_TOKEN_LIFETIME_SECONDS says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/**
 * Settings every pipeline service reads: BaseAppConfig plus how bearer tokens are verified.
 * Machine tokens (ops, service, registrar-feed) are HS256 with AUTH_JWT_SECRET (or keys from
 * AUTH_JWKS_URL); person tokens (mentor, coordinator, student, operator) are signed by the console,
 * whose public key is AUTH_CONSOLE_PUBLIC_KEY (or AUTH_CONSOLE_JWKS_URL).
 */
export abstract class BaseServiceConfig extends BaseAppConfig {
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (HS256 needs a 256-bit key)' })
  @OwnKeyOutsideDevelopment({ unlessSet: 'AUTH_JWKS_URL' })
  AUTH_JWT_SECRET: string = DEV_JWT_SECRET;

  /** When set, machine tokens are verified against this key set instead of AUTH_JWT_SECRET. */
  @IsOptional()
  @IsTrustworthyKeySetUrl()
  AUTH_JWKS_URL?: string;

  @IsString()
  @NotEquals(CONSOLE_ISSUER, { message: `must differ from "${CONSOLE_ISSUER}", the console's issuer` })
  AUTH_ISSUER: string = DEFAULT_AUTH_ISSUER;

  /** The `aud` this service accepts; unset means the service's own name (e.g. grade-ingest). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, { message: 'must be a single audience name such as grade-ingest' })
  AUTH_AUDIENCE?: string;

  /** Tokens whose `exp - iat` is longer are refused, so a leaked token cannot be used for months. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of seconds between 60 and 604800' })
  @Min(60, { message: 'must be a whole number of seconds between 60 and 604800' })
  @Max(7 * 24 * 3600, { message: 'must be a whole number of seconds between 60 and 604800' })
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: number = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;

  /** The console's Ed25519 public key (SPKI PEM): the only key trusted for person roles. */
  @Transform(({ value }) => pemFromEnvironment(value))
  @IsEd25519Pem('public')
  @OwnKeyOutsideDevelopment({ unlessSet: 'AUTH_CONSOLE_JWKS_URL' })
  AUTH_CONSOLE_PUBLIC_KEY: string = DEV_CONSOLE_PUBLIC_KEY;

  /** When set, console tokens are verified against this key set instead of AUTH_CONSOLE_PUBLIC_KEY. */
  @IsOptional()
  @IsTrustworthyKeySetUrl()
  AUTH_CONSOLE_JWKS_URL?: string;
}
