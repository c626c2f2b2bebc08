import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FieldProblem } from '@mentoring/contracts';
import path from 'node:path';
import { ServiceCallError } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from './console-request';
import { PageRenderer } from './page-renderer';

/** Thrown by the session guard when a page needs a signed-in person and none is. */
export class SignInRequiredError extends Error {
  constructor() {
    super('Please sign in');
    this.name = 'SignInRequiredError';
  }
}

interface ErrorView {
  status: number;
  heading: string;
  message: string;
  problems: FieldProblem[];
}

const HEADINGS: Record<number, string> = {
  400: 'Some details need attention',
  403: 'This is not available to you',
  404: 'Not found',
  409: 'That could not be done right now',
  410: 'This link has expired',
};

/**
 * Errors as people see them: a sign-in redirect, or an error page with the reason and any
 * field-level problems. Programs (Accept without text/html: health probes, scrapers, API clients)
 * keep Nest's JSON bodies.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('console');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<ConsoleResponse>();
    if (exception instanceof SignInRequiredError) return this.redirectToSignIn(request, response);
    if (!wantsHtml(request)) return sendJson(response, exception);
    const view = this.viewOf(exception);
    if (view.status >= 500) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    const back = request.method === 'GET' ? '/' : request.get('referer') ?? '/';
    const html = this.pages.render(request, response, path.join(__dirname, 'views', 'error.hbs'), { title: view.heading, ...view, back });
    response.status(view.status).type('html').send(html);
  }

  private redirectToSignIn(request: ConsoleRequest, response: ConsoleResponse): void {
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
    response.redirect(303, `/sign-in${next}`);
  }

  private viewOf(exception: unknown): ErrorView {
    if (exception instanceof ServiceCallError) {
      const status = exception.status >= 500 ? HttpStatus.BAD_GATEWAY : exception.status;
      const heading = status === HttpStatus.BAD_GATEWAY ? 'A service is not answering' : HEADINGS[status] ?? 'That did not work';
      const message = status === HttpStatus.BAD_GATEWAY ? `${exception.message}. Please try again in a moment.` : exception.message;
      return { status, heading, message, problems: exception.problems };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as { message?: unknown; problems?: FieldProblem[] } | string;
      const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
      const problems = typeof body === 'object' && Array.isArray(body.problems) ? body.problems : [];
      return { status, heading: HEADINGS[status] ?? 'That did not work', message: problems.length ? 'Some fields need attention' : message, problems };
    }
    return { status: 500, heading: 'Something went wrong', message: 'The page could not be shown. The error has been logged.', problems: [] };
  }
}

function wantsHtml(request: ConsoleRequest): boolean {
  return (request.get('accept') ?? '').includes('text/html');
}

function sendJson(response: ConsoleResponse, exception: unknown): void {
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    response.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
    return;
  }
  if (exception instanceof ServiceCallError) {
    response.status(exception.status).json({ statusCode: exception.status, message: exception.message, problems: exception.problems });
    return;
  }
  response.status(500).json({ statusCode: 500, message: 'Internal server error' });
}
