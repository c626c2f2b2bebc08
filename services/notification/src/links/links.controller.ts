import { BadRequestException, Controller, Get, GoneException, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ownerInParam, Principal, Public, Roles } from '@mentoring/auth';
import { Served, VerifiedLinkReply } from '@mentoring/contracts';
import { IsString, MinLength } from 'class-validator';
import { Clock, CLOCK } from '@mentoring/platform';
import { assertMayActForStudent, RecipientAccess, RecipientDirectory } from '../recipients';
import { LinkGenerationsStore } from './infrastructure/links.store';
import { LinkSigner } from './link-signer';

class VerifyLinkQuery {
  @ApiProperty({ description: 'The token query parameter of a link from a message' })
  @IsString() @MinLength(1) token!: string;
}

@ApiTags('links')
@Controller('v1/links')
export class LinksController {
  constructor(
    private readonly signer: LinkSigner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Public: the signed token is the credential of a link in an email, so the console can act on it
  // for a student who is not signed in.
  @Get('verify')
  @Public()
  @ApiOperation({
    summary: 'The action, parameters, id and generation a link from a message stands for, if it is genuine, unexpired and not revoked',
    description: '410 when the link expired or its recipient revoked their links, 400 when it is not a genuine link.',
  })
  async verify(@Query() query: VerifyLinkQuery): Promise<Served<VerifiedLinkReply>> {
    const verification = await this.signer.verify(query.token, this.clock.now());
    if (verification.valid) return verification.link;
    if (verification.reason === 'expired') throw new GoneException('This link has expired');
    if (verification.reason === 'revoked') throw new GoneException('This link was switched off');
    throw new BadRequestException(`This link is not valid (${verification.reason})`);
  }
}

@ApiTags('links')
@ApiBearerAuth()
@Controller('v1/recipients')
export class LinkRevocationController {
  constructor(
    private readonly generations: LinkGenerationsStore,
    private readonly access: RecipientAccess,
    private readonly directory: RecipientDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/links/revoke')
  @HttpCode(200)
  @Roles('coordinator', 'ops', ownerInParam('student', 'id'))
  @ApiOperation({
    summary: "Switch off every link already sent to a recipient (a lost phone, a shared mailbox); messages from now on carry new ones",
    description: 'The student themself, ops, or a coordinator of the student\'s programme.',
  })
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    // A student token acts only for someone the directory knows as a student.
    if (principal.role === 'student') await this.access.assert(principal, id);
    if (principal.role === 'coordinator') assertMayActForStudent(principal, id, await this.directory.find(id));
    const revocation = await this.generations.revoke(id, `${principal.role}:${principal.subject}`, this.clock.now());
    return { recipientId: revocation.recipientId, generation: revocation.generation, revokedAt: revocation.revokedAt.toISOString() };
  }
}
