import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './access/bearer-auth.guard';
import { AuthOptions, TokenVerifier } from './token/token-verifier';

/** Bearer-token auth for one service: a global guard on every route not marked `@Public()`. */
@Module({})
export class AuthModule {
  /** Registers the guard; throws at start-up when neither a secret nor a JWKS URL is given. */
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: TokenVerifier, useValue: new TokenVerifier(options) }, { provide: APP_GUARD, useClass: BearerAuthGuard }],
      exports: [TokenVerifier],
    };
  }
}
