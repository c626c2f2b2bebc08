import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationConfig } from '../config/notification.config';
import { createLinkBuilder, LinkFor } from '../outreach/domain';
import { isRevoked, signLinkToken, VerifiedLink, verifyLinkToken } from './domain';
import { LinkGenerationsStore } from './infrastructure/links.store';

const DAY_MS = 24 * 60 * 60 * 1000;

export type LinkCheck = { valid: true; link: VerifiedLink } | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'revoked' };

/** Signs the links put in messages and verifies them when they come back. */
@Injectable()
export class LinkSigner {
  constructor(
    private readonly config: NotificationConfig,
    private readonly generations: LinkGenerationsStore,
  ) {}

  /**
   * Links for messages written at `now` to the given recipients: each link gets its own id, stays
   * valid for LINK_TTL_DAYS and carries its recipient's current generation, read in the message's
   * own transaction. A recipient not asked for gets generation 0, which fails closed: such a link
   * stops working as soon as that person's links were ever revoked.
   */
  async linkFor(manager: EntityManager, now: Date, recipientIds: readonly string[]): Promise<LinkFor> {
    const expiresAt = new Date(now.getTime() + this.config.LINK_TTL_DAYS * DAY_MS);
    const generations = await this.generations.generationsOf(manager, recipientIds);
    return createLinkBuilder({
      baseUrl: this.config.PUBLIC_BASE_URL,
      signToken: (claims) => signLinkToken(claims, this.config.LINK_SECRET, { expiresAt, generation: generations.get(claims.recipientId) ?? 0 }),
    });
  }

  /** Genuine, unexpired and of the recipient's current generation. */
  async verify(token: string, now: Date): Promise<LinkCheck> {
    const verification = verifyLinkToken(token, this.config.LINK_SECRET, now);
    if (!verification.valid) return verification;
    const current = await this.generations.generationOf(verification.link.recipientId);
    return isRevoked(verification.link, current) ? { valid: false, reason: 'revoked' } : verification;
  }
}
