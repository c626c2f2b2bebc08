import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import path from 'node:path';
import { callerOf } from '../service-api/caller-of';
import { ServiceApi } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { PageRenderer } from '../web/page-renderer';
import { FlagRateRow, standingsByProgramme } from './domain/cohort-report';

/** Standings across the cohort by programme and year: where flags concentrate (the fairness audit). */
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
    const report = await this.api.get<{ generatedAt: string; groups: FlagRateRow[] }>('risk-scoring', '/v1/reports/flag-rates', callerOf(request));
    return this.pages.render(request, response, path.join(__dirname, 'views', 'cohort.hbs'), {
      title: 'Cohort',
      generatedAt: report.generatedAt,
      programmes: standingsByProgramme(report.groups),
    });
  }
}
