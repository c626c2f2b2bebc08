import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ownerInParam, Principal, Roles } from '@mentoring/auth';
import { CaseloadQuery } from './case-actions.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/mentors/:mentorId/cases')
export class CaseloadController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Roles('coordinator', ownerInParam('mentor', 'mentorId'))
  @ApiOperation({ summary: 'A mentor’s caseload (open cases; ?includeClosed=true for all); a coordinator sees the cases of their programmes' })
  caseload(@CurrentPrincipal() principal: Principal, @Param('mentorId') mentorId: string, @Query() query: CaseloadQuery) {
    return this.cases.caseload(principal, mentorId, query.includeClosed ?? false);
  }
}
