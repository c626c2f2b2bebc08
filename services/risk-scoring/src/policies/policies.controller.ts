import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCoversProgramme, CurrentPrincipal, Principal, programmeFilter, Roles } from '@mentoring/auth';
import { PolicyReplacementReply, RescoreJobReply, RiskPolicyReply, Served } from '@mentoring/contracts';
import { defaultPolicy } from '../scoring/domain';
import { PoliciesService } from './policies.service';
import { PolicyVersionRecord } from './infrastructure/policies.store';
import { ProgramParams } from './program.params';
import { RescoreJobView } from './rescore-job.view';

/** A policy body; what GET returns can be sent back as is (program and version are ignored). */
export const POLICY_BODY_DOC = { schema: { type: 'object', example: defaultPolicy('MBBS') } } as const;

@ApiTags('policies')
@ApiBearerAuth()
/** Coordinators reach only the policies of their own programmes: a saved policy re-scores and messages a whole programme. */
@Controller('v1/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get(':program')
  @Roles('coordinator', 'ops')
  @ApiOperation({ summary: "The programme's risk policy in force (the seed study's defaults until a coordinator changes it)" })
  @ApiOkResponse(POLICY_BODY_DOC)
  current(@Param() { program }: ProgramParams, @CurrentPrincipal() principal: Principal): Promise<Served<RiskPolicyReply>> {
    assertCoversProgramme(principal, program);
    return this.policies.current(program);
  }

  @Get(':program/versions')
  @Roles('coordinator', 'ops')
  @ApiOperation({ summary: "Every version of the programme's policy, newest first, with who made it" })
  versions(@Param() { program }: ProgramParams, @CurrentPrincipal() principal: Principal): Promise<PolicyVersionRecord[]> {
    assertCoversProgramme(principal, program);
    return this.policies.versions(program);
  }

  @Put(':program')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Save a new policy version and re-score every student of the programme',
    description: 'Every setting is required (null switches a rule off). A body equal to the policy in force creates nothing.',
  })
  @ApiBody(POLICY_BODY_DOC)
  @ApiBadRequestResponse({ description: 'Every problem, each with its field path (e.g. thresholds.urgent)' })
  replace(@Param() { program }: ProgramParams, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<Served<PolicyReplacementReply>> {
    assertCoversProgramme(principal, program);
    return this.policies.replace(program, body, actorOf(principal));
  }

  @Post(':program/rescore')
  @HttpCode(202)
  @Roles('coordinator', 'ops')
  @ApiOperation({ summary: 'Re-score every student of the programme under the policy in force' })
  @ApiAcceptedResponse({ description: 'The queued re-score job' })
  rescore(@Param() { program }: ProgramParams, @CurrentPrincipal() principal: Principal): Promise<Served<RescoreJobReply>> {
    assertCoversProgramme(principal, program);
    return this.policies.requestRescore(program, actorOf(principal));
  }
}

@ApiTags('policies')
@ApiBearerAuth()
@Controller('v1/rescore-jobs')
export class RescoreJobsController {
  constructor(private readonly policies: PoliciesService) {}

  @Get(':id')
  @Roles('coordinator', 'ops')
  @ApiOperation({ summary: 'Progress of a re-score job' })
  async job(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RescoreJobView> {
    programmeFilter(principal);
    const job = await this.policies.job(id);
    assertCoversProgramme(principal, job.program);
    return job;
  }
}

function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.subject}`;
}
