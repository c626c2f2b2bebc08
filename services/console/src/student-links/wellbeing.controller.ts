import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@mentoring/auth';
import path from 'node:path';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { PageRenderer } from '../web/page-renderer';

const VIEW = path.join(__dirname, 'views', 'wellbeing.hbs');

@ApiExcludeController()
@Public()
@Controller('wellbeing')
export class WellbeingController {
  constructor(private readonly pages: PageRenderer) {}

  /** notification's WELLBEING_URL points here by default: every student message links to it. */
  @Get()
  @HtmlPage()
  page(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): string {
    return this.pages.render(request, response, VIEW, { title: 'Looking after yourself' });
  }
}
