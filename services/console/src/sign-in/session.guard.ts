import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULES_KEY, AccessRule, describeAccessRules, IS_PUBLIC_KEY } from '@mentoring/auth';
import { SessionsService } from '../accounts/sessions.service';
import { ConsoleRequest, SESSION_COOKIE } from '../web/console-request';
import { SignInRequiredError } from '../web/console-exception.filter';
import { assertCsrfToken, isStateChanging } from './csrf';

/**
 * Every console route needs a signed-in person unless it is `@Public()` (sign-in, student links,
 * health); `@Roles(...)` narrows it to mentors, coordinators or ops, and every state-changing
 * request must return the session's CSRF token. Deny by default, like the services' bearer guard.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const token = request.cookies?.[SESSION_COOKIE];
    request.user = token ? await this.sessions.resolve(token) : undefined;
    if (this.metadata<boolean>(IS_PUBLIC_KEY, context) === true) return true;
    const user = request.user;
    if (!user) throw new SignInRequiredError();
    const rules = this.metadata<AccessRule[]>(ACCESS_RULES_KEY, context) ?? [];
    if (rules.length > 0 && !rules.some((rule) => rule === user.role)) {
      throw new ForbiddenException(`This page is for ${describeAccessRules(rules)}; you are signed in as ${user.role}`);
    }
    if (isStateChanging(request.method)) assertCsrfToken(request, user.csrfToken);
    return true;
  }

  private metadata<T>(key: string, context: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T>(key, [context.getHandler(), context.getClass()]);
  }
}
