import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Principal } from '../principal';
import { TokenKeysUnavailableError, TokenRejectedError, TokenVerifier } from '../token/token-verifier';
import { IS_PUBLIC_KEY } from './public.decorator';
import { ACCESS_RULES_KEY, AccessRule, describeAccessRules } from './roles.decorator';

/** A request after the guard: `principal` is set on every route that is not public. */
export type AuthenticatedRequest = IncomingMessage & { params?: Record<string, string>; principal?: Principal };

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Every HTTP route needs a valid bearer token unless it (or its controller) is `@Public()`.
 * Deny-by-default rather than "guard only /v1": a route added outside /v1 stays closed until
 * someone decides otherwise. Only HTTP is guarded: Kafka consumers trust the broker's ACLs.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.isPublic(context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request, context.switchToHttp().getResponse<ServerResponse>());
    request.principal = principal;
    assertAllowed(principal, this.accessRules(context), request.params ?? {});
    return true;
  }

  private isPublic(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
  }

  private accessRules(context: ExecutionContext): AccessRule[] {
    return this.reflector.getAllAndOverride<AccessRule[]>(ACCESS_RULES_KEY, [context.getHandler(), context.getClass()]) ?? [];
  }

  private async authenticate(request: IncomingMessage, response: ServerResponse): Promise<Principal> {
    try {
      return await this.verifier.principalFrom(bearerTokenOf(request));
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        // RFC 6750: tell clients (and Swagger UI) which scheme failed and why.
        const description = error.reason.replace(/"/g, "'");
        response.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${description}"`);
        throw new UnauthorizedException(error.reason);
      }
      if (error instanceof TokenKeysUnavailableError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}

function bearerTokenOf(request: IncomingMessage): string {
  const header = request.headers.authorization;
  if (!header) throw new TokenRejectedError('Missing bearer token (send "Authorization: Bearer <token>")');
  const match = BEARER.exec(header);
  if (!match) throw new TokenRejectedError('Malformed Authorization header (expected "Bearer <token>")');
  return match[1];
}

function assertAllowed(principal: Principal, rules: AccessRule[], params: Record<string, string>): void {
  if (rules.length === 0 || rules.some((rule) => allows(rule, principal, params))) return;
  throw new ForbiddenException(`Role "${principal.role}" may not do this; allowed: ${describeAccessRules(rules)}`);
}

function allows(rule: AccessRule, principal: Principal, params: Record<string, string>): boolean {
  if (typeof rule === 'string') return rule === principal.role;
  return rule.role === principal.role && params[rule.param] === principal.subject;
}
