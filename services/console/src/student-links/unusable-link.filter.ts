import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import path from 'node:path';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { PageRenderer } from '../web/page-renderer';
import { UnusableLinkError, UnusableLinkReason } from './link-verifier';

const VIEW = path.join(__dirname, 'views', 'unusable-link.hbs');

const STATUS: Record<UnusableLinkReason, number> = { invalid: 400, 'no-longer-works': 410, 'not-for-this': 403, used: 409 };

/** A link that cannot be used gets a kind page saying what to do next, not an error. */
@Catch(UnusableLinkError)
export class UnusableLinkFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRenderer) {}

  catch(error: UnusableLinkError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<ConsoleResponse>();
    const html = this.pages.render(request, response, VIEW, { title: error.message, reason: error.reason });
    response.status(STATUS[error.reason]).type('html').setHeader('Cache-Control', 'no-store').send(html);
  }
}
