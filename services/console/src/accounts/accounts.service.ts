import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountInput, validateAccountInput } from './domain/account-input';
import { hashPassword, verifyPassword } from './domain/password-hash';
import { AccountEntity } from './infrastructure/account.entity';

/** Local accounts of mentors, coordinators and ops. */
@Injectable()
export class AccountsService {
  // Checked when the username is unknown, so a wrong username costs as long as a wrong password
  // and response times do not reveal which usernames exist.
  private readonly decoyHash = hashPassword('decoy password that matches nothing');

  constructor(@InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>) {}

  /** Creates the account, or updates it (and resets its password) when the username exists. */
  async save(input: AccountInput): Promise<AccountEntity> {
    const account = validateAccountInput(input);
    const passwordHash = await hashPassword(account.password);
    await this.accounts.upsert(
      { username: account.username, displayName: account.displayName, role: account.role, subjectId: account.subjectId, passwordHash, disabled: false },
      ['username'],
    );
    return this.accounts.findOneByOrFail({ username: account.username });
  }

  /** The enabled account these credentials open, if any. */
  async authenticate(username: string, password: string): Promise<AccountEntity | undefined> {
    const account = await this.accounts.findOneBy({ username: username.trim().toLowerCase() });
    const matches = await verifyPassword(password, account?.passwordHash ?? (await this.decoyHash));
    return account && matches && !account.disabled ? account : undefined;
  }

  async disable(username: string): Promise<boolean> {
    const result = await this.accounts.update({ username: username.trim().toLowerCase() }, { disabled: true });
    return (result.affected ?? 0) > 0;
  }

  list(): Promise<AccountEntity[]> {
    return this.accounts.find({ order: { role: 'ASC', username: 'ASC' } });
  }
}
