import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import path from 'node:path';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { PageRenderer } from '../web/page-renderer';
import { UnusableLinkError } from './link-verifier';

const VIEW = path.join(__dirname, 'views', 'unusable-link.hbs');

/** A link that cannot be used gets a kind page saying what to do next, not an error. */
@Catch(UnusableLinkError)
export class UnusableLinkFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRenderer) {}

  catch(error: UnusableLinkError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<ConsoleResponse>();
    const expired = error.reason === 'expired';
    const title = expired ? 'This link has expired' : 'This link is not valid';
    const html = this.pages.render(request, response, VIEW, { title, expired });
    response.status(expired ? 410 : 400).type('html').setHeader('Cache-Control', 'no-store').send(html);
  }
}
