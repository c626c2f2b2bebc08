import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCoversProgramme, CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { PolicyPreviewReply, Served } from '@mentoring/contracts';
import { POLICY_BODY_DOC, ProgramParams } from '../policies';
import { PolicyPreviewService } from './policy-preview.service';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('v1/policies')
export class PolicyPreviewController {
  constructor(private readonly previews: PolicyPreviewService) {}

  @Post(':program/preview')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'How many students each level would gain or lose under a proposed policy; nothing is saved' })
  @ApiBody(POLICY_BODY_DOC)
  @ApiBadRequestResponse({ description: 'Every problem, each with its field path' })
  preview(@Param() { program }: ProgramParams, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<Served<PolicyPreviewReply>> {
    assertCoversProgramme(principal, program);
    return this.previews.preview(program, body);
  }
}
