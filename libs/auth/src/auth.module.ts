import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './access/bearer-auth.guard';
import { AuthOptions, TokenVerifier } from './token/token-verifier';

/** Bearer-token auth for one service: a global guard on every route not marked `@Public()`. */
@Module({})
export class AuthModule {
  /** Registers the guard; throws at start-up when a kind of token has no key to be checked with. */
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: TokenVerifier, useValue: new TokenVerifier(options) }, { provide: APP_GUARD, useClass: BearerAuthGuard }],
      exports: [TokenVerifier],
    };
  }

  /** The options of a service's configuration (see BaseServiceConfig); the audience defaults to the service's name. */
  static optionsFrom(config: ServiceAuthSettings, serviceName: string): AuthOptions {
    return {
      audience: config.AUTH_AUDIENCE ?? serviceName,
      maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
      machine: { issuer: config.AUTH_ISSUER, secret: config.AUTH_JWT_SECRET, jwksUrl: config.AUTH_JWKS_URL },
      console: { publicKey: config.AUTH_CONSOLE_PUBLIC_KEY, jwksUrl: config.AUTH_CONSOLE_JWKS_URL },
    };
  }
}

/** The auth variables of BaseServiceConfig. */
export interface ServiceAuthSettings {
  AUTH_AUDIENCE?: string;
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: number;
  AUTH_ISSUER: string;
  AUTH_JWT_SECRET: string;
  AUTH_JWKS_URL?: string;
  AUTH_CONSOLE_PUBLIC_KEY: string;
  AUTH_CONSOLE_JWKS_URL?: string;
}
