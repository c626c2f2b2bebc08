import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@mentoring/platform';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConsoleRequest, ConsoleResponse, NOTICE_COOKIE } from './console-request';
import { registerViewHelpers } from './view-helpers';

/** What every page gives the layout besides its own fields. */
export interface PageModel {
  title: string;
  [field: string]: unknown;
}

type Template = Handlebars.TemplateDelegate;

/**
 * Server-rendered pages: a feature's `views/*.hbs` inside the shared layout. Handlebars escapes
 * every `{{value}}`, so service data (names, reasons, notes) can never become markup.
 */
@Injectable()
export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Template>();
  private readonly layout: Template;

  constructor(@Inject(CLOCK) clock: Clock) {
    registerViewHelpers(this.handlebars, clock);
    this.layout = this.compile(path.join(__dirname, 'views', 'layout.hbs'));
  }

  /**
   * Renders `viewFile` (an absolute path, e.g. `path.join(__dirname, 'views', 'caseload.hbs')`)
   * inside the layout, with the signed-in user, their CSRF token and any pending notice.
   */
  render(request: ConsoleRequest, response: ConsoleResponse, viewFile: string, model: PageModel): string {
    const notice = takeNotice(request, response);
    const context = { ...model, user: request.user, csrfToken: request.user?.csrfToken, notice };
    const body = this.template(viewFile)(context);
    return this.layout({ ...context, body });
  }

  private template(file: string): Template {
    let template = this.templates.get(file);
    if (!template) {
      template = this.compile(file);
      this.templates.set(file, template);
    }
    return template;
  }

  private compile(file: string): Template {
    return this.handlebars.compile(readFileSync(file, 'utf8'), { strict: false });
  }
}

function takeNotice(request: ConsoleRequest, response: ConsoleResponse): string | undefined {
  const notice = request.cookies?.[NOTICE_COOKIE];
  if (notice) response.clearCookie(NOTICE_COOKIE, { path: '/' });
  return notice;
}
