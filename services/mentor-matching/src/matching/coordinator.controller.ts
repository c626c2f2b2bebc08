import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { CaseTimingReportReply, Served, WaitlistedCaseReply } from '@mentoring/contracts';
import { CaseTimingQuery } from '../cases';
import { CoordinatorService } from './coordinator.service';

@ApiTags('coordinator')
@ApiBearerAuth()
@Roles('coordinator', 'ops')
@Controller('v1')
export class CoordinatorController {
  constructor(private readonly coordinator: CoordinatorService) {}

  @Get('coordinator/waitlist')
  @ApiOperation({ summary: 'Cases waiting for a mentor (a coordinator: of their programmes), with what keeps each mentor of the programme from taking them' })
  waitlist(@CurrentPrincipal() principal: Principal): Promise<Served<WaitlistedCaseReply>[]> {
    return this.coordinator.waitlist(principal);
  }

  @Get('reports/case-timing')
  @ApiOperation({ summary: 'Flag to first contact and to first meeting (median, p90), and outcomes (a coordinator: over their programmes)' })
  caseTiming(@CurrentPrincipal() principal: Principal, @Query() query: CaseTimingQuery): Promise<Served<CaseTimingReportReply>> {
    return this.coordinator.caseTiming(principal, query);
  }
}
