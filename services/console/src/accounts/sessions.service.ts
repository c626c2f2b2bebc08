import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { ConsoleConfig } from '../config/console.config';
import { AccountEntity } from './infrastructure/account.entity';
import { AccountsStore } from './infrastructure/accounts.store';
import { SessionEntity } from './infrastructure/session.entity';

/** A signed-in person as pages see them. */
export interface SignedInUser {
  accountId: string;
  username: string;
  displayName: string;
  role: AccountEntity['role'];
  subjectId: string;
  /** The programmes a coordinator is responsible for, read from the account on every request so a change applies at once. */
  programmes: string[];
  csrfToken: string;
}

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

const MINUTE_MS = 60_000;
// Sliding expiry is written at most this often, not on every page view.
const RENEW_AFTER_MS = MINUTE_MS;

/** Server-side sessions: the cookie holds a random token, the row holds who it is and the CSRF token. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly store: AccountsStore,
    private readonly config: ConsoleConfig,
  ) {}

  async start(account: AccountEntity): Promise<StartedSession> {
    await this.store.deleteExpiredSessions(new Date());
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = this.expiryFrom(now);
    await this.store.insertSession({ tokenHash: hashOf(token), accountId: account.id, csrfToken: randomBytes(32).toString('base64url'), createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  /** The user behind a cookie, or undefined when it is unknown, expired or the account was disabled. */
  async resolve(token: string): Promise<SignedInUser | undefined> {
    const session = await this.store.findSession(hashOf(token));
    const now = new Date();
    if (!session || session.expiresAt <= now || session.account.disabled) return undefined;
    await this.slideExpiry(session, now);
    const { account } = session;
    return { accountId: account.id, username: account.username, displayName: account.displayName, role: account.role, subjectId: account.subjectId, programmes: account.programmes, csrfToken: session.csrfToken };
  }

  async end(token: string): Promise<void> {
    await this.store.deleteSession(hashOf(token));
  }

  private async slideExpiry(session: SessionEntity, now: Date): Promise<void> {
    const expiresAt = this.expiryFrom(now);
    if (expiresAt.getTime() - session.expiresAt.getTime() < RENEW_AFTER_MS) return;
    await this.store.extendSession(session.tokenHash, expiresAt);
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.SESSION_IDLE_MINUTES * MINUTE_MS);
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
