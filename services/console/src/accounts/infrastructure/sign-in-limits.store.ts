import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { SignInWait, waitOf } from '../domain/sign-in-lock';

/** The limits SignInLimits enforces (ConsoleConfig's SIGN_IN_* settings). */
export interface SignInLimitSettings {
  maxFailures: number;
  lockMinutes: number;
  accountMaxFailures: number;
  accountWindowMinutes: number;
  clientMaxAttempts: number;
  clientWindowMinutes: number;
}

/** Why a sign-in is refused before its password is looked at. */
export type SignInBarrier = ({ kind: 'client-limit' } | { kind: 'locked' }) & SignInWait;

const TABLE = 'sign_in_limits';
const MINUTE_SECONDS = 60;
// Wrong passwords from one client are forgotten after a day without reaching the limit; a
// successful sign-in from that client forgets them at once.
const PAIR_MEMORY_SECONDS = 24 * 60 * MINUTE_SECONDS;
// A client that signed in to an account stays trusted past the account-wide limit this long.
const KNOWN_CLIENT_SECONDS = 90 * 24 * 60 * MINUTE_SECONDS;
const CLEAN_EVERY_MS = 5 * 60_000;
const PREFIX = { client: 'client', pair: 'pair', account: 'account', known: 'known' } as const;

/**
 * Sign-in counters in the console's database, so every replica counts the same attempts. Built on
 * rate-limiter-flexible's Postgres store: each count is one atomic upsert, a lock is set only by
 * the attempt that crosses the limit and is never lengthened by later ones.
 *
 * - per client: every attempt, whatever the username;
 * - per (username, client): wrong passwords, which lock that username for that client only, so a
 *   stranger's guesses never lock the owner out of their own client;
 * - per username: wrong passwords from all clients, which past a cap shut out clients that never
 *   signed in to it (guessing spread over many addresses), while the owner's known clients go on.
 *
 * Usernames are keyed by a hash, known or not, so a refusal never depends on whether one exists
 * and the table does not list the usernames people tried.
 */
export class SignInLimits implements OnModuleInit, OnModuleDestroy {
  private readonly client: RateLimiterPostgres;
  private readonly pair: RateLimiterPostgres;
  private readonly account: RateLimiterPostgres;
  private readonly known: RateLimiterPostgres;
  private cleaner?: NodeJS.Timeout;
  private readonly logger = new Logger('SignInLimits');

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SignInLimitSettings,
  ) {
    const limiter = (keyPrefix: string, points: number, duration: number, blockDuration?: number) =>
      new RateLimiterPostgres({ storeClient: dataSource, storeType: 'typeorm', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false, keyPrefix, points, duration, blockDuration });
    this.client = limiter(PREFIX.client, settings.clientMaxAttempts, settings.clientWindowMinutes * MINUTE_SECONDS);
    // The attempt that makes the count exceed `points` is the one that sets the lock.
    this.pair = limiter(PREFIX.pair, settings.maxFailures - 1, PAIR_MEMORY_SECONDS, settings.lockMinutes * MINUTE_SECONDS);
    this.account = limiter(PREFIX.account, settings.accountMaxFailures, settings.accountWindowMinutes * MINUTE_SECONDS);
    this.known = limiter(PREFIX.known, 1, KNOWN_CLIENT_SECONDS);
  }

  /** Deletes expired counters now and then; usernames nobody has are counted too, so rows must not pile up. */
  onModuleInit(): void {
    this.cleaner = setInterval(() => void this.deleteExpired(), CLEAN_EVERY_MS);
    this.cleaner.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.cleaner);
  }

  private async deleteExpired(): Promise<void> {
    try {
      await this.dataSource.query(`DELETE FROM ${TABLE} WHERE expire < $1`, [Date.now()]);
    } catch (error) {
      // Expired rows are ignored by every check; deleting them can wait for the next round.
      this.logger.warn(`Could not delete expired sign-in counters: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Counts an attempt from this client; a wait when it has made too many in the window. */
  async takeClientAttempt(client: string): Promise<SignInBarrier | undefined> {
    const wait = await refusedWait(this.client.consume(client));
    return wait && { kind: 'client-limit', ...wait };
  }

  /** A wait when this username is locked for this client, or shut to it by the account-wide cap. */
  async barrierFor(username: string, client: string): Promise<SignInBarrier | undefined> {
    const user = usernameKey(username);
    const [pair, account, known] = await Promise.all([this.pair.get(pairKey(user, client)), this.account.get(user), this.known.get(pairKey(user, client))]);
    if (pair && pair.consumedPoints > this.settings.maxFailures - 1) {
      // Between the crossing count and its lock being written, the row still carries the day-long count expiry.
      const wait = waitOf(Math.min(pair.msBeforeNext, this.settings.lockMinutes * MINUTE_SECONDS * 1000));
      if (wait) return { kind: 'locked', ...wait };
    }
    if (account && account.consumedPoints >= this.settings.accountMaxFailures && !known) {
      const wait = waitOf(account.msBeforeNext);
      if (wait) return { kind: 'locked', ...wait };
    }
    return undefined;
  }

  /** Counts a wrong password; the lock it set when it was the one to reach the limit. */
  async recordFailure(username: string, client: string): Promise<SignInBarrier | undefined> {
    const user = usernameKey(username);
    const [wait] = await Promise.all([refusedWait(this.pair.consume(pairKey(user, client))), this.account.penalty(user)]);
    return wait && { kind: 'locked', ...wait };
  }

  /** Forgets this client's wrong passwords for the username and remembers the client as the owner's. */
  async recordSuccess(username: string, client: string): Promise<void> {
    const user = usernameKey(username);
    await Promise.all([this.pair.delete(pairKey(user, client)), this.known.set(pairKey(user, client), 1, KNOWN_CLIENT_SECONDS)]);
  }

  /** Lifts every lock on the username (an admin's password reset); the clients it trusts stay trusted. */
  async clearUsername(username: string): Promise<void> {
    const user = usernameKey(username);
    await this.dataSource.query(`DELETE FROM ${TABLE} WHERE starts_with(key, $1) OR key = $2`, [`${PREFIX.pair}:${user}:`, `${PREFIX.account}:${user}`]);
  }
}

function usernameKey(username: string): string {
  return createHash('sha256').update(username).digest('hex').slice(0, 32);
}

function pairKey(user: string, client: string): string {
  return `${user}:${client}`;
}

/**
 * The wait when a consume was refused. rate-limiter-flexible rejects with a RateLimiterRes when a
 * limit is exceeded and with an Error when the database fails; the latter must propagate.
 */
async function refusedWait(consumed: Promise<RateLimiterRes>): Promise<SignInWait | undefined> {
  try {
    await consumed;
    return undefined;
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return waitOf(refusal.msBeforeNext) ?? { minutesLeft: 1, retryAfterSeconds: 1 };
  }
}
