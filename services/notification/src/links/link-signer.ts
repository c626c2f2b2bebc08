import { Injectable } from '@nestjs/common';
import { NotificationConfig } from '../config/notification.config';
import { createLinkBuilder, LinkFor } from '../outreach/domain';
import { LinkVerification, signLinkToken, verifyLinkToken } from './domain';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Signs the links put in messages and verifies them when they come back. */
@Injectable()
export class LinkSigner {
  constructor(private readonly config: NotificationConfig) {}

  /** Links for messages written at `now`; they stay valid for LINK_TTL_DAYS. */
  linkFor(now: Date): LinkFor {
    const expiresAt = new Date(now.getTime() + this.config.LINK_TTL_DAYS * DAY_MS);
    return createLinkBuilder({
      baseUrl: this.config.PUBLIC_BASE_URL,
      signToken: (claims) => signLinkToken(claims, this.config.LINK_SECRET, expiresAt),
    });
  }

  verify(token: string, now: Date): LinkVerification {
    return verifyLinkToken(token, this.config.LINK_SECRET, now);
  }
}
