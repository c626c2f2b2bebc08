import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import path from 'node:path';
import { callerOf } from '../service-api/caller-of';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { redirectWithNotice } from '../web/notice';
import { PageRenderer } from '../web/page-renderer';
import { CoordinatorDeskService } from './coordinator-desk.service';
import { assertCoordinatorOf, coordinatorProgrammes } from './coordinator-scope';
import { ofProgrammes } from './domain/programme-scope';

const VIEWS = path.join(__dirname, 'views');

interface ReassignForm {
  mentorId?: string;
  reason?: string;
}

/**
 * A coordinator's desk: escalations, the waitlist, and giving a case to a chosen mentor, for the
 * coordinator's programmes (mentor-matching limits them too; the console never shows more).
 */
@ApiExcludeController()
@Roles('coordinator')
@Controller('coordinator')
export class EscalationsController {
  constructor(
    private readonly desk: CoordinatorDeskService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @HtmlPage()
  async escalationsAndWaitlist(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): Promise<string> {
    const caller = callerOf(request);
    const [escalations, waitlist] = await Promise.all([this.desk.escalations(caller), this.desk.waitlist(caller)]);
    return this.pages.render(request, response, path.join(VIEWS, 'desk.hbs'), { title: 'Escalations and waitlist', escalations, waitlist: ofProgrammes(coordinatorProgrammes(request), waitlist) });
  }

  @Post('escalations/:messageId/read')
  async markHandled(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('messageId', ParseUUIDPipe) messageId: string): Promise<void> {
    await this.desk.markHandled(messageId, callerOf(request));
    redirectWithNotice(response, '/coordinator', 'Escalation marked as handled');
  }

  @Get('cases/:caseId/reassign')
  @HtmlPage()
  async reassignPage(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse, @Param('caseId', ParseUUIDPipe) caseId: string): Promise<string> {
    const reassignment = await this.desk.reassignment(caseId, callerOf(request));
    assertCoordinatorOf(request, reassignment.case.student.program);
    return this.pages.render(request, response, path.join(VIEWS, 'reassign.hbs'), { title: 'Reassign a case', ...reassignment });
  }

  @Post('cases/:caseId/reassign')
  async reassign(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', ParseUUIDPipe) caseId: string, @Body() form: ReassignForm): Promise<void> {
    await this.desk.reassign(caseId, String(form.mentorId ?? ''), String(form.reason ?? '').trim(), callerOf(request));
    redirectWithNotice(response, '/coordinator', 'Case reassigned');
  }
}
