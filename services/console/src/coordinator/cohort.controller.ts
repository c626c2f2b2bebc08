import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import path from 'node:path';
import { callerOf } from '../service-api/caller-of';
import { ServiceApi } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { PageRenderer } from '../web/page-renderer';
import { coordinatorProgrammes } from './coordinator-scope';
import { FlagRatesReply, FlagTrendReply } from '@mentoring/contracts';
import { cohortByProgramme } from './domain/cohort-report';
import { ofProgrammes } from './domain/programme-scope';

/**
 * Standings across the cohort by programme and year: where flags concentrate (the fairness audit),
 * with each programme's students flagged and back to ok week by week; the coordinator's programmes only.
 */
@ApiExcludeController()
@Roles('coordinator')
@Controller('coordinator/cohort')
export class CohortController {
  constructor(
    private readonly api: ServiceApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @HtmlPage()
  async cohort(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): Promise<string> {
    const caller = callerOf(request);
    const programmes = coordinatorProgrammes(request);
    const [standings, trend] = await Promise.all([
      this.api.get('risk-scoring', '/v1/reports/flag-rates', caller, FlagRatesReply),
      this.api.get('risk-scoring', '/v1/reports/flag-trend', caller, FlagTrendReply),
    ]);
    return this.pages.render(request, response, path.join(__dirname, 'views', 'cohort.hbs'), {
      title: 'Cohort',
      generatedAt: standings.generatedAt,
      trendWeeks: trend.weeks,
      programmes: cohortByProgramme(ofProgrammes(programmes, standings.groups), ofProgrammes(programmes, trend.groups)),
    });
  }
}
