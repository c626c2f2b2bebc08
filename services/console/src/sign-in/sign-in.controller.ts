import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@mentoring/auth';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MetricsService } from '@mentoring/observability';
import { Counter } from 'prom-client';
import { AccountsService, SignInResult } from '../accounts/accounts.service';
import { clientKeyOf } from '../accounts/domain/client-key';
import { SessionsService } from '../accounts/sessions.service';
import { ConsoleConfig } from '../config/console.config';
import { ConsoleRequest, ConsoleResponse, SESSION_COOKIE } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { PageRenderer } from '../web/page-renderer';
import { assertCsrfToken } from './csrf';
import { homeOf, safeNextPath } from './home-of';

// Before sign-in there is no session to hold a CSRF token, so the form uses a double-submit
// cookie: a cross-site page can post the form but cannot read or set this cookie.
const SIGN_IN_CSRF_COOKIE = 'console_sign_in_csrf';
const VIEW = path.join(__dirname, 'views', 'sign-in.hbs');
// A full hashing queue drains within a few hashes; the client is asked to come back shortly after.
const BUSY_RETRY_AFTER_SECONDS = 5;

interface SignInForm {
  username?: string;
  password?: string;
  next?: string;
}

@ApiExcludeController()
@Controller()
export class SignInController {
  private readonly attempts: Counter<'outcome'>;

  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly pages: PageRenderer,
    private readonly config: ConsoleConfig,
    metrics: MetricsService,
  ) {
    this.attempts = metrics.createCounter('console_sign_in_attempts_total', 'Sign-in attempts by outcome (signed-in, refused, locked, client-limit, busy)', ['outcome']);
  }

  @Get()
  @Public()
  home(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse): void {
    response.redirect(303, request.user ? homeOf(request.user.role) : '/sign-in');
  }

  @Get('sign-in')
  @Public()
  @HtmlPage()
  signInPage(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse, @Query('next') next?: string): string | void {
    if (request.user) return response.redirect(303, safeNextPath(next) ?? homeOf(request.user.role));
    return this.renderForm(request, response, { next: safeNextPath(next) ?? '' });
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @HtmlPage()
  async signIn(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse, @Body() form: SignInForm): Promise<string | void> {
    assertCsrfToken(request, request.cookies?.[SIGN_IN_CSRF_COOKIE]);
    // request.ip follows Express's "trust proxy" setting, which the console leaves off: the socket's peer address.
    const result = await this.accounts.authenticate(String(form.username ?? ''), String(form.password ?? ''), clientKeyOf(request.ip ?? request.socket.remoteAddress));
    this.attempts.inc({ outcome: result.outcome });
    if (result.outcome !== 'signed-in') return this.refuse(request, response, form, result);
    const { account } = result;
    const session = await this.sessions.start(account);
    response.clearCookie(SIGN_IN_CSRF_COOKIE, { path: '/sign-in' });
    response.cookie(SESSION_COOKIE, session.token, { httpOnly: true, secure: this.config.COOKIE_SECURE, sameSite: 'lax', path: '/' });
    return response.redirect(303, safeNextPath(form.next) ?? homeOf(account.role));
  }

  @Post('sign-out')
  @HtmlPage()
  async signOut(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse): Promise<void> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) await this.sessions.end(token);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.redirect(303, '/sign-in');
  }

  /**
   * The form again. A refusal and a lock read the same for any username; a client over its attempt
   * budget and a full hashing queue are told to come back later, without a word on the credentials
   * (they were not checked).
   */
  private refuse(request: ConsoleRequest, response: ConsoleResponse, form: SignInForm, result: Exclude<SignInResult, { outcome: 'signed-in' }>): string {
    const model = { username: form.username, next: safeNextPath(form.next) ?? '' };
    switch (result.outcome) {
      case 'refused':
        response.status(401);
        return this.renderForm(request, response, { ...model, failed: true });
      case 'locked':
        response.status(429).setHeader('Retry-After', String(result.retryAfterSeconds));
        return this.renderForm(request, response, { ...model, failed: true, lockNotice: `Too many attempts, try again in ${minutesWording(result.minutesLeft)}.` });
      case 'client-limit':
        response.status(429).setHeader('Retry-After', String(result.retryAfterSeconds));
        return this.renderForm(request, response, { ...model, waitNotice: `There have been many sign-in attempts from your network. Please wait ${minutesWording(result.minutesLeft)}, then try again.` });
      case 'busy':
        response.status(503).setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
        return this.renderForm(request, response, { ...model, waitNotice: 'Sign-in is busy right now. Please try again in a few seconds.' });
    }
  }

  private renderForm(request: ConsoleRequest, response: ConsoleResponse, model: Record<string, unknown>): string {
    const csrfToken = randomBytes(24).toString('base64url');
    response.cookie(SIGN_IN_CSRF_COOKIE, csrfToken, { httpOnly: true, secure: this.config.COOKIE_SECURE, sameSite: 'strict', path: '/sign-in' });
    return this.pages.render(request, response, VIEW, { title: 'Sign in', ...model, signInCsrf: csrfToken });
  }
}

function minutesWording(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
