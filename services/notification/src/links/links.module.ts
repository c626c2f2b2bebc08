import { Module } from '@nestjs/common';
import { RecipientsModule } from '../recipients';
import { LinkGenerationsStore } from './infrastructure/links.store';
import { LinkSigner } from './link-signer';
import { LinkRevocationController, LinksController } from './links.controller';

/** Signed links in messages: made for outreach, verified for the console, revocable per recipient. */
@Module({
  imports: [RecipientsModule],
  controllers: [LinksController, LinkRevocationController],
  providers: [LinkSigner, LinkGenerationsStore],
  exports: [LinkSigner],
})
export class LinksModule {}
