import { Controller, ForbiddenException, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { assertCoversProgramme, CurrentPrincipal, Principal, programmeFilter, Roles, withinProgrammes } from '@mentoring/auth';
import { FlagRatesReply, FlagTrendReply, IDENTIFIER, Served } from '@mentoring/contracts';
import { Matches } from 'class-validator';
import { FlagRatesReport } from './flag-rates.report';
import { FlagTrendQuery } from './flag-trend.params';
import { FlagTrendReport } from './flag-trend.report';
import { StudentRiskService, StudentRiskView } from './student-risk.service';

class StudentParams {
  @ApiProperty({ example: 'S1024' })
  @Matches(IDENTIFIER, { message: 'must be a student id (letters, digits, . _ : - /)' })
  id: string;
}

@ApiTags('standings')
@ApiBearerAuth()
@Controller('v1/students')
export class StandingsController {
  constructor(private readonly students: StudentRiskService) {}

  @Get(':id/risk')
  @Roles('coordinator', 'ops', 'mentor')
  @ApiOperation({
    summary: "A student's standing: level, reasons, weak courses, the figures behind them, and every change with its cause",
    description: 'Mentors see only students whose case they hold, coordinators only students of their programmes. Never shown to students.',
  })
  @ApiNotFoundResponse({ description: 'No grade or engagement signal was ever recorded for this student' })
  async risk(@Param() { id }: StudentParams, @CurrentPrincipal() principal: Principal): Promise<StudentRiskView> {
    if (principal.role === 'mentor' && !(await this.students.mentorMaySee(principal.subject, id))) {
      throw new ForbiddenException('Mentors see the standing of students whose case they hold');
    }
    programmeFilter(principal);
    const view = await this.students.view(id);
    if (!view) throw new NotFoundException(`no standing for student ${id}`);
    assertCoversProgramme(principal, view.program);
    return view;
  }
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly flagRates: FlagRatesReport,
    private readonly flagTrend: FlagTrendReport,
  ) {}

  @Get('flag-rates')
  @Roles('coordinator')
  @ApiOperation({ summary: "Share of students flagged at each level, by programme and year of study (fairness audit); a coordinator's own programmes only" })
  async flagRatesByProgramAndYear(@CurrentPrincipal() principal: Principal): Promise<Served<FlagRatesReply>> {
    const filter = programmeFilter(principal);
    const groups = withinProgrammes(filter, await this.flagRates.byProgramAndYear(), (row) => row.program);
    return { generatedAt: new Date().toISOString(), groups };
  }

  @Get('flag-trend')
  @Roles('coordinator', 'ops')
  @ApiOperation({
    summary: 'Students flagged and back to ok per ISO week (UTC) and programme, over the last weeks (default 8, at most 52)',
    description: "A coordinator sees only their own programmes; asking for another programme is refused.",
  })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid (every problem by field)' })
  async flagTrendByProgramAndWeek(
    @Query() query: FlagTrendQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Served<FlagTrendReply>> {
    const filter = programmeFilter(principal);
    if (query.program !== undefined) assertCoversProgramme(principal, query.program);
    const groups = withinProgrammes(filter, await this.flagTrend.byProgramAndWeek(query), (row) => row.program);
    return { generatedAt: new Date().toISOString(), weeks: query.weeks, groups };
  }
}
