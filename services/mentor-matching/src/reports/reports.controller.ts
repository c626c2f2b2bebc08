import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { OutcomesReportReply, Served } from '@mentoring/contracts';
import { OutcomesReportQuery } from './outcomes-report.query';
import { OutcomesReportService } from './outcomes-report.service';

@ApiTags('coordinator')
@ApiBearerAuth()
@Roles('coordinator', 'ops')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly report: OutcomesReportService) {}

  @Get('outcomes')
  @ApiOperation({
    summary:
      'Per programme and per mentor: cases flagged, flag to first contact and to first meeting (median, p90), share met within 7 and 14 days, ' +
      'loop-closure rate (cases closed with an outcome among those flagged at least closureAfterDays ago, default 30), outcomes, and cases that ended before any meeting ' +
      '(a coordinator: over their programmes)',
  })
  outcomes(@CurrentPrincipal() principal: Principal, @Query() query: OutcomesReportQuery): Promise<Served<OutcomesReportReply>> {
    return this.report.outcomes(principal, query);
  }
}
