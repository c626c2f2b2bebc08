import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import path from 'node:path';
import { callerOf } from '../service-api/caller-of';
import { Caller, ServiceApi } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { redirectWithNotice } from '../web/notice';
import { PageRenderer } from '../web/page-renderer';
import { assertCoordinatorOf, coordinatorProgrammes } from './coordinator-scope';
import { PolicyPreviewReply, PolicyReplacementReply, RiskPolicyReply } from '@mentoring/contracts';
import { applyPolicyForm, PolicyForm, policyChanges, policyFields, policyFormOf, RiskPolicyBody } from './domain/policy-form';
import { previewView } from './domain/policy-preview';

const VIEWS = path.join(__dirname, 'views');
const PROGRAM_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Programme risk policies: a change is previewed first (how many students each level would gain
 * or lose, nothing saved), then saved from the preview page as the next version. A coordinator
 * sees, previews and saves the policies of their own programmes only.
 */
@ApiExcludeController()
@Roles('coordinator')
@Controller('coordinator/policies')
export class PoliciesController {
  constructor(
    private readonly api: ServiceApi,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @HtmlPage()
  programmes(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): string {
    const programmes = [...coordinatorProgrammes(request)].sort();
    return this.pages.render(request, response, path.join(VIEWS, 'programmes.hbs'), { title: 'Programme policies', programmes });
  }

  @Get(':program')
  @HtmlPage()
  async policy(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse, @Param('program') program: string): Promise<string> {
    const policy = await this.current(checkedProgram(request, program), callerOf(request));
    return this.renderPolicy(request, response, policy, policyFields(policy));
  }

  @Post(':program/preview')
  @HttpCode(200)
  @HtmlPage()
  async preview(
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: ConsoleResponse,
    @Param('program') program: string,
    @Body() posted: Record<string, unknown>,
  ): Promise<string> {
    const caller = callerOf(request);
    const current = await this.current(checkedProgram(request, program), caller);
    const form = policyFormOf(posted);
    const proposal = proposedPolicy(current, form);
    const preview = await this.api.post('risk-scoring', `/v1/policies/${encodeURIComponent(current.program)}/preview`, caller, proposal, PolicyPreviewReply);
    return this.pages.render(request, response, path.join(VIEWS, 'policy-preview.hbs'), {
      title: `Preview: ${current.program} policy`,
      policy: current,
      changes: policyChanges(current, proposal),
      preview: previewView(preview),
      fields: policyFields(current, form),
    });
  }

  @Post(':program')
  async save(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('program') program: string, @Body() posted: Record<string, unknown>): Promise<void> {
    const caller = callerOf(request);
    const current = await this.current(checkedProgram(request, program), caller);
    const proposal = proposedPolicy(current, policyFormOf(posted));
    const saved = await this.api.put('risk-scoring', `/v1/policies/${encodeURIComponent(current.program)}`, caller, proposal, PolicyReplacementReply);
    const notice = saved.rescoreJob
      ? `Policy saved as version ${saved.policy.version}; the programme's students are being re-scored`
      : 'Nothing changed: the policy in force already says this';
    redirectWithNotice(response, `/coordinator/policies/${encodeURIComponent(current.program)}`, notice);
  }

  private current(program: string, caller: Caller): Promise<RiskPolicyReply> {
    return this.api.get('risk-scoring', `/v1/policies/${encodeURIComponent(program)}`, caller, RiskPolicyReply);
  }

  private renderPolicy(request: ConsoleRequest, response: ConsoleResponse, policy: RiskPolicyReply, fields: ReturnType<typeof policyFields>): string {
    return this.pages.render(request, response, path.join(VIEWS, 'policy.hbs'), { title: `${policy.program} policy`, policy, fields });
  }
}

/** A programme code the signed-in coordinator is responsible for (400 for a malformed one, 403 for another's). */
function checkedProgram(request: ConsoleRequest, program: string): string {
  if (!PROGRAM_CODE.test(program)) throw new BadRequestException(`"${program}" is not a programme code`);
  assertCoordinatorOf(request, program);
  return program;
}

/** The proposal, or a 400 page listing every field that is not a number. */
function proposedPolicy(current: RiskPolicyReply, form: PolicyForm): RiskPolicyBody {
  const { body, problems } = applyPolicyForm(current, form);
  if (problems.length > 0) throw new BadRequestException({ message: 'Some fields need attention', problems });
  return body;
}
