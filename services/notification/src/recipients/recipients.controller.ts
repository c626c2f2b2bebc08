import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { PreferencesReply, Served } from '@mentoring/contracts';
import { assertMayPutCoordinator, assertMayReadRecipient } from './coordinator-scope';
import { RecipientEntity } from './infrastructure/recipient.entity';
import { PreferencesService } from './preferences.service';
import { RECIPIENT_OR_OPS, RecipientAccess } from './recipient-access';
import { RecipientDirectory } from './recipient-directory.service';
import { PutCoordinatorRequest, UpdatePreferencesRequest } from './recipient.requests';


function present(recipient: RecipientEntity) {
  return {
    id: recipient.id,
    roles: recipient.roles,
    displayName: recipient.displayName,
    preferredName: recipient.preferredName,
    email: recipient.email,
    identifiers: recipient.identifiers,
    timeZone: recipient.timeZone,
    programmes: recipient.programmes,
    updatedAt: recipient.updatedAt,
  };
}

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('v1/recipients')
export class RecipientsController {
  constructor(
    private readonly directory: RecipientDirectory,
    private readonly preferences: PreferencesService,
    private readonly access: RecipientAccess,
  ) {}

  @Put(':id')
  @Roles('coordinator', 'ops')
  @ApiOperation({
    summary: "Create or replace a coordinator's record: escalations of their programmes reach them",
    description:
      "Coordinator records only: a student's or mentor's record is refused (their details come from the student and mentor directory). " +
      'A coordinator manages records of their own programmes only.',
  })
  async putCoordinator(@Param('id') id: string, @Body() request: PutCoordinatorRequest, @CurrentPrincipal() principal: Principal) {
    const record = { ...request, email: request.email ?? null };
    return present(await this.directory.putCoordinator(id, record, (existing) => assertMayPutCoordinator(principal, id, existing, request.programmes)));
  }

  @Get(':id')
  @Roles(...RECIPIENT_OR_OPS, 'coordinator')
  @ApiOperation({ summary: 'A recipient as the directory knows them (a coordinator: their own record and coordinators of their programmes)' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const recipient = await this.directory.find(id);
    assertMayReadRecipient(principal, id, recipient);
    if (!recipient) throw new NotFoundException(`No recipient ${id}`);
    return present(recipient);
  }

  @Get(':id/preferences')
  @Roles(...RECIPIENT_OR_OPS)
  @ApiOperation({ summary: 'How and when a recipient hears from us (the defaults until they choose)' })
  async getPreferences(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<Served<PreferencesReply>> {
    await this.access.assert(principal, id);
    return this.preferences.get(id);
  }

  @Put(':id/preferences')
  @Roles(...RECIPIENT_OR_OPS)
  @ApiOperation({ summary: 'Change channel, quiet hours, email opt-out, frequency cap, daily digest or language; absent fields stay' })
  async updatePreferences(@Param('id') id: string, @Body() request: UpdatePreferencesRequest, @CurrentPrincipal() principal: Principal): Promise<Served<PreferencesReply>> {
    await this.access.assert(principal, id);
    return this.preferences.update(id, request);
  }
}
