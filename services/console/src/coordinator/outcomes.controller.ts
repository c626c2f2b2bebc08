import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import { OutcomesReportReply } from '@mentoring/contracts';
import path from 'node:path';
import { callerOf } from '../service-api/caller-of';
import { ServiceApi } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { PageRenderer } from '../web/page-renderer';
import { assertCoordinatorOf, coordinatorProgrammes } from './coordinator-scope';
import { outcomesCsv, outcomesPage } from './domain/outcomes-view';

interface OutcomesFilter {
  program?: string;
  mentorId?: string;
  closureAfterDays?: string;
}

/**
 * Whether flagged students are reached and met, and how their cases end, per programme and per
 * mentor, with a CSV of the same figures; the coordinator's programmes only (a typed URL naming
 * another programme is a 403 page, and mentor-matching limits the figures to the token's programmes).
 */
@ApiExcludeController()
@Roles('coordinator')
@Controller('coordinator')
export class OutcomesController {
  constructor(
    private readonly api: ServiceApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get('outcomes')
  @HtmlPage()
  async outcomes(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse, @Query() filter: OutcomesFilter): Promise<string> {
    const { report, programmes, query } = await this.report(request, filter);
    return this.pages.render(request, response, path.join(__dirname, 'views', 'outcomes.hbs'), {
      title: 'Outcomes',
      ...outcomesPage(report, programmes),
      programmeChoices: programmes.map((program) => ({ program, selected: program === filter.program })),
      mentorChoices: report.mentors.map((mentor) => ({ mentorId: mentor.mentorId, displayName: mentor.displayName, selected: mentor.mentorId === filter.mentorId })),
      csvHref: `/coordinator/outcomes.csv${query}`,
    });
  }

  @Get('outcomes.csv')
  async outcomesCsv(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Query() filter: OutcomesFilter): Promise<void> {
    const { report, programmes } = await this.report(request, filter);
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Cache-Control', 'no-store')
      .attachment(`outcomes-${report.asOf.slice(0, 10)}.csv`)
      .send(outcomesCsv(report, programmes));
  }

  private async report(request: ConsoleRequest, filter: OutcomesFilter) {
    const programmes = coordinatorProgrammes(request);
    if (filter.program) assertCoordinatorOf(request, filter.program);
    const query = queryOf(filter);
    const report = await this.api.get('mentor-matching', `/v1/reports/outcomes${query}`, callerOf(request), OutcomesReportReply);
    return { report, programmes, query };
  }
}

/** The filter as a query string, only the fields that are set. */
function queryOf(filter: OutcomesFilter): string {
  const params = new URLSearchParams();
  for (const key of ['program', 'mentorId', 'closureAfterDays'] as const) {
    const value = typeof filter[key] === 'string' ? filter[key].trim() : '';
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
