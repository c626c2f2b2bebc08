import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ConsoleConfig } from '../config/console.config';
import { AccountInput, validateAccountInput } from './domain/account-input';
import { hashPassword, verifyPassword } from './domain/password-hash';
import { ActiveLock, activeLock } from './domain/sign-in-lock';
import { AccountEntity } from './infrastructure/account.entity';

/** What a sign-in attempt led to. */
export type SignInResult = { outcome: 'signed-in'; account: AccountEntity } | { outcome: 'refused' } | ({ outcome: 'locked' } & ActiveLock);

const REFUSED: SignInResult = { outcome: 'refused' };

/** An account's lock as a counting statement left it, with the database's clock to judge it by. */
interface LockRow {
  locked_until: Date | null;
  checked_at: Date;
}

/** Local accounts of mentors, coordinators and ops. */
@Injectable()
export class AccountsService {
  // Checked when the username is unknown, so a wrong username costs as long as a wrong password
  // and response times do not reveal which usernames exist.
  private readonly decoyHash = hashPassword('decoy password that matches nothing');

  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    private readonly config: ConsoleConfig,
  ) {}

  /**
   * Creates the account, or updates it (and resets its password) when the username exists. A reset
   * also lifts any sign-in lock: it is how an admin lets a locked-out person back in at once.
   */
  async save(input: AccountInput): Promise<AccountEntity> {
    const account = validateAccountInput(input);
    const passwordHash = await hashPassword(account.password);
    await this.accounts.upsert(
      { username: account.username, displayName: account.displayName, role: account.role, subjectId: account.subjectId, passwordHash, disabled: false, failedSignIns: 0, lockedUntil: null },
      ['username'],
    );
    return this.accounts.findOneByOrFail({ username: account.username });
  }

  /**
   * Signs in with these credentials, counting wrong passwords against the account. The lock lives
   * in the accounts row, so every console replica sees and counts the same attempts.
   */
  async authenticate(username: string, password: string): Promise<SignInResult> {
    const account = await this.accounts.findOneBy({ username: username.trim().toLowerCase() });
    // The password is checked even on a locked account, so a lock does not change response times.
    const matches = await verifyPassword(password, account?.passwordHash ?? (await this.decoyHash));
    // An unknown username has no row to count on: it is refused like a wrong password and locks nothing.
    if (!account) return REFUSED;
    if (!matches) return this.countWrongPassword(account.id);
    if (account.disabled) return REFUSED;
    return this.countRightPassword(account);
  }

  async disable(username: string): Promise<boolean> {
    const result = await this.accounts.update({ username: username.trim().toLowerCase() }, { disabled: true });
    return (result.affected ?? 0) > 0;
  }

  list(): Promise<AccountEntity[]> {
    return this.accounts.find({ order: { role: 'ASC', username: 'ASC' } });
  }

  /**
   * One statement counts the failure and locks on reaching the limit, so attempts racing on several
   * replicas each count once. A lock in force is kept as it is: guessing on does not extend it.
   * After it ends the count stays at the limit, so each further wrong password locks again until a
   * successful sign-in or a password reset.
   */
  private async countWrongPassword(accountId: string): Promise<SignInResult> {
    const [[row]]: [LockRow[], number] = await this.accounts.query(
      `UPDATE accounts
          SET failed_sign_ins = failed_sign_ins + 1,
              locked_until = CASE
                WHEN locked_until > now() THEN locked_until
                WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3)
                ELSE locked_until
              END
        WHERE id = $1
       RETURNING locked_until, now() AS checked_at`,
      [accountId, this.config.SIGN_IN_MAX_FAILURES, this.config.SIGN_IN_LOCK_MINUTES],
    );
    return lockedOr(row, REFUSED);
  }

  /**
   * Resets the count unless a lock is in force; checked in the same statement, so a lock set by a
   * racing replica since the account was read still refuses this sign-in.
   */
  private async countRightPassword(account: AccountEntity): Promise<SignInResult> {
    const [[row]]: [LockRow[], number] = await this.accounts.query(
      `UPDATE accounts
          SET failed_sign_ins = CASE WHEN locked_until > now() THEN failed_sign_ins ELSE 0 END
        WHERE id = $1
       RETURNING locked_until, now() AS checked_at`,
      [account.id],
    );
    return lockedOr(row, { outcome: 'signed-in', account });
  }
}

function lockedOr(row: LockRow, otherwise: SignInResult): SignInResult {
  const lock = activeLock(row.locked_until, row.checked_at);
  return lock ? { outcome: 'locked', ...lock } : otherwise;
}
