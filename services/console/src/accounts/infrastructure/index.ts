import { CreateAccounts1764000000000 } from './1764000000000-create-accounts';
import { AddSignInLock1764100000000 } from './1764100000000-add-sign-in-lock';
import { SignInLimits1764412000000 } from './1764412000000-sign-in-limits';
import { AddAccountProgrammes1764500000000 } from './1764500000000-add-account-programmes';
import { AccountEntity } from './account.entity';
import { SessionEntity } from './session.entity';

export const ACCOUNT_ENTITIES = [AccountEntity, SessionEntity];
export const ACCOUNT_MIGRATIONS = [CreateAccounts1764000000000, AddSignInLock1764100000000, SignInLimits1764412000000, AddAccountProgrammes1764500000000];
