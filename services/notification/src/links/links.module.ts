import { Module } from '@nestjs/common';
import { LinkSigner } from './link-signer';
import { LinksController } from './links.controller';

/** Signed links in messages: made for outreach, verified for the console. */
@Module({
  controllers: [LinksController],
  providers: [LinkSigner],
  exports: [LinkSigner],
})
export class LinksModule {}
