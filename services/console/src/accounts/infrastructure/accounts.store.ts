import { Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { AccountEntity } from './account.entity';
import { SessionEntity } from './session.entity';

/** An account as written by an admin: everything but its id. */
export type AccountRecord = Pick<AccountEntity, 'username' | 'displayName' | 'role' | 'subjectId' | 'programmes' | 'passwordHash' | 'disabled'>;

/** The only SQL of accounts and sessions (the sign-in limits have their own table and adapter). */
@Injectable()
export class AccountsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the account, or replaces the one of that username; returns it as stored. */
  async upsertAccount(account: AccountRecord): Promise<AccountEntity> {
    const accounts = this.dataSource.getRepository(AccountEntity);
    await accounts.upsert(account, ['username']);
    return accounts.findOneByOrFail({ username: account.username });
  }

  findAccount(username: string): Promise<AccountEntity | null> {
    return this.dataSource.getRepository(AccountEntity).findOneBy({ username });
  }

  /** Every account, by role then username. */
  listAccounts(): Promise<AccountEntity[]> {
    return this.dataSource.getRepository(AccountEntity).find({ order: { role: 'ASC', username: 'ASC' } });
  }

  /** Disables the account; false when there is none of that username. */
  async disableAccount(username: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(AccountEntity).update({ username }, { disabled: true });
    return (result.affected ?? 0) > 0;
  }

  /** Replaces the password hash only if it is still `previousHash`, so a concurrent reset wins. */
  async replacePasswordHash(accountId: string, previousHash: string, passwordHash: string): Promise<void> {
    await this.dataSource.getRepository(AccountEntity).update({ id: accountId, passwordHash: previousHash }, { passwordHash });
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).delete({ expiresAt: LessThan(now) });
  }

  async insertSession(session: Pick<SessionEntity, 'tokenHash' | 'accountId' | 'csrfToken' | 'createdAt' | 'expiresAt'>): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).insert(session);
  }

  /** The session of a token hash with its account. */
  findSession(tokenHash: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOne({ where: { tokenHash }, relations: { account: true } });
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).delete({ tokenHash });
  }

  async extendSession(tokenHash: string, expiresAt: Date): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update({ tokenHash }, { expiresAt });
  }
}
