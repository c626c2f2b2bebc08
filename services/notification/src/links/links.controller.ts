import { BadRequestException, Controller, Get, GoneException, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@mentoring/auth';
import { IsString, MinLength } from 'class-validator';
import { Clock, CLOCK } from '../clock';
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
  @ApiOperation({ summary: 'The action and parameters a link from a message stands for, if it is genuine and unexpired' })
  verify(@Query() query: VerifyLinkQuery) {
    const verification = this.signer.verify(query.token, this.clock.now());
    if (verification.valid) return verification.link;
    if (verification.reason === 'expired') throw new GoneException('This link has expired');
    throw new BadRequestException(`This link is not valid (${verification.reason})`);
  }
}
