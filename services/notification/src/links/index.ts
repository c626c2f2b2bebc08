// What other features may use of links: the module and the signer of links in messages.
export { LinkSigner } from './link-signer';
export { LinksModule } from './links.module';
