import { BadRequestException, Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import path from 'node:path';
import { ServiceApi } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { redirectWithNotice } from '../web/notice';
import { PageRenderer } from '../web/page-renderer';
import { MEETING_MODES, MeetingMode, MentorReply } from '@mentoring/contracts';
import { LeaveRow, leaveFromRows, parseWeeklyGrid, weeklyGridRows } from './domain/weekly-grid';
import { mentorCaller, mentorPath } from './mentor-caller';

const VIEW = path.join(__dirname, 'views', 'availability.hbs');
// Empty rows under the existing leave, so a new period can be added without scripts.
const BLANK_LEAVE_ROWS = 2;
const TIME_ZONES = Intl.supportedValuesOf('timeZone');
const MODE_LABELS: Record<MeetingMode, string> = { 'in-person': 'In person', video: 'Video call', phone: 'Phone call' };

interface AvailabilityForm {
  timeZone?: string;
  days?: Record<string, unknown>;
  leave?: LeaveRow[] | Record<string, LeaveRow>;
  meetingMode?: string;
  meetingPlace?: string;
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
      meetingModes: MEETING_MODES.map((mode) => ({ mode, label: MODE_LABELS[mode], selected: mode === (profile.meetingMode ?? 'in-person') })),
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
      ...meetingPlaceOf(form),
    });
    redirectWithNotice(response, '/mentor/availability', 'Availability saved. New matches will use it.');
  }
}

// A blank place leaves the stored one alone: mentor-matching checks the place against the mode and names the field.
function meetingPlaceOf(form: AvailabilityForm): { meetingMode?: string; meetingPlace?: string } {
  const place = form.meetingPlace?.trim();
  return place ? { meetingMode: form.meetingMode, meetingPlace: place } : {};
}
