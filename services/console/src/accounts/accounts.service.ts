import { Injectable } from '@nestjs/common';
import { AccountInput, validateAccountInput } from './domain/account-input';
import { HashingBusyError, HashingQueue } from './domain/hashing-queue';
import { hashPassword, needsRehash } from './domain/password-hash';
import { SignInWait } from './domain/sign-in-lock';
import { AccountEntity } from './infrastructure/account.entity';
import { AccountsStore } from './infrastructure/accounts.store';
import { SignInLimits } from './infrastructure/sign-in-limits.store';
import { PasswordHasher } from './password-hasher';

/**
 * What a sign-in attempt led to. Only `signed-in` depends on whether the username exists: every
 * refusal is reached the same way, and at the same cost, for a username nobody has.
 */
export type SignInResult =
  | { outcome: 'signed-in'; account: AccountEntity }
  | { outcome: 'refused' }
  | ({ outcome: 'locked' | 'client-limit' } & SignInWait)
  | { outcome: 'busy' };

const REFUSED: SignInResult = { outcome: 'refused' };
const BUSY: SignInResult = { outcome: 'busy' };

/** Local accounts of mentors, coordinators and ops. */
@Injectable()
export class AccountsService {
  // Checked when the username is unknown, so a wrong username costs a hash like a wrong password
  // and response times do not reveal which usernames exist.
  private readonly decoyHash = hashPassword('decoy password that matches nothing');

  constructor(
    private readonly accounts: AccountsStore,
    private readonly hasher: PasswordHasher,
    private readonly hashing: HashingQueue,
    private readonly limits: SignInLimits,
  ) {}

  /**
   * Creates the account, or updates it (and resets its password) when the username exists. A reset
   * also lifts any sign-in lock on the username: it is how an admin lets a locked-out person back in at once.
   */
  async save(input: AccountInput): Promise<AccountEntity> {
    const account = validateAccountInput(input);
    const passwordHash = await this.hashing.run(() => this.hasher.hash(account.password));
    const saved = await this.accounts.upsertAccount({
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      subjectId: account.subjectId,
      programmes: account.programmes,
      passwordHash,
      disabled: false,
    });
    await this.limits.clearUsername(account.username);
    return saved;
  }

  /**
   * Signs in with these credentials from `client` (see clientKeyOf). The client's attempt budget
   * and any lock are checked before the password, so a refused client costs no hash; the hash
   * itself waits for a slot in the bounded queue or is refused as busy.
   */
  async authenticate(username: string, password: string, client: string): Promise<SignInResult> {
    const name = username.trim().toLowerCase();
    const clientLimit = await this.limits.takeClientAttempt(client);
    if (clientLimit) return { outcome: 'client-limit', minutesLeft: clientLimit.minutesLeft, retryAfterSeconds: clientLimit.retryAfterSeconds };
    const barrier = await this.limits.barrierFor(name, client);
    if (barrier) return { outcome: 'locked', minutesLeft: barrier.minutesLeft, retryAfterSeconds: barrier.retryAfterSeconds };
    const account = await this.accounts.findAccount(name);
    let matches: boolean;
    try {
      matches = await this.hashing.run(async () => this.hasher.verify(password, account?.passwordHash ?? (await this.decoyHash)));
    } catch (error) {
      if (error instanceof HashingBusyError) return BUSY;
      throw error;
    }
    // An unknown username and a disabled account count like a wrong password, so they lock alike.
    if (!account || account.disabled || !matches) {
      const lock = await this.limits.recordFailure(name, client);
      return lock ? { outcome: 'locked', minutesLeft: lock.minutesLeft, retryAfterSeconds: lock.retryAfterSeconds } : REFUSED;
    }
    await this.limits.recordSuccess(name, client);
    await this.upgradeHash(account, password);
    return { outcome: 'signed-in', account };
  }

  disable(username: string): Promise<boolean> {
    return this.accounts.disableAccount(username.trim().toLowerCase());
  }

  list(): Promise<AccountEntity[]> {
    return this.accounts.listAccounts();
  }

  /**
   * Re-hashes a password stored under older scrypt parameters while it is at hand. Skipped when the
   * queue is busy (the next sign-in tries again), and written only if no reset replaced it meanwhile.
   */
  private async upgradeHash(account: AccountEntity, password: string): Promise<void> {
    if (!needsRehash(account.passwordHash)) return;
    let passwordHash: string;
    try {
      passwordHash = await this.hashing.run(() => this.hasher.hash(password));
    } catch (error) {
      if (error instanceof HashingBusyError) return;
      throw error;
    }
    await this.accounts.replacePasswordHash(account.id, account.passwordHash, passwordHash);
  }
}
