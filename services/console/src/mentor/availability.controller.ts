import { BadRequestException, Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import path from 'node:path';
import { ServiceApi } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { redirectWithNotice } from '../web/notice';
import { PageRenderer } from '../web/page-renderer';
import { MentorReply } from '@mentoring/contracts';
import { LeaveRow, leaveFromRows, parseWeeklyGrid, weeklyGridRows } from './domain/weekly-grid';
import { mentorCaller, mentorPath } from './mentor-caller';

const VIEW = path.join(__dirname, 'views', 'availability.hbs');
// Empty rows under the existing leave, so a new period can be added without scripts.
const BLANK_LEAVE_ROWS = 2;
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

interface AvailabilityForm {
  timeZone?: string;
  days?: Record<string, unknown>;
  leave?: LeaveRow[] | Record<string, LeaveRow>;
}

/** "My availability": the weekly windows matching offers slots from, the time zone and leave. */
@ApiExcludeController()
@Roles('mentor')
@Controller('mentor/availability')
export class AvailabilityController {
  constructor(
    private readonly api: ServiceApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @HtmlPage()
  async page(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): Promise<string> {
    const caller = mentorCaller(request.user);
    const profile = await this.api.get('mentor-matching', mentorPath(caller), caller, MentorReply);
    return this.pages.render(request, response, VIEW, {
      title: 'My availability',
      profile,
      days: weeklyGridRows(profile.weeklyAvailability),
      leave: [...profile.leave, ...Array.from({ length: BLANK_LEAVE_ROWS }, () => ({ firstDay: '', lastDay: '', blank: true }))],
      timeZones: TIME_ZONES.map((zone) => ({ zone, selected: zone === profile.timeZone })),
    });
  }

  @Post()
  async save(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Body() form: AvailabilityForm): Promise<void> {
    const caller = mentorCaller(request.user);
    const week = parseWeeklyGrid(form.days ?? {});
    if (week.problems.length > 0) throw new BadRequestException({ message: 'Some fields need attention', problems: week.problems });
    // Blocks (one-off busy times) have no form here; they are kept as they are.
    const current = await this.api.get('mentor-matching', mentorPath(caller), caller, MentorReply);
    await this.api.put('mentor-matching', mentorPath(caller, '/availability'), caller, {
      timeZone: form.timeZone,
      weeklyAvailability: week.windows,
      blocks: current.blocks,
      leave: leaveFromRows(Object.values(form.leave ?? {})),
    });
    redirectWithNotice(response, '/mentor/availability', 'Availability saved. New matches will use it.');
  }
}
