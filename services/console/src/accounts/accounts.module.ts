import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsoleConfig } from '../config/console.config';
import { AccountsService } from './accounts.service';
import { HashingQueue } from './domain/hashing-queue';
import { AccountsStore } from './infrastructure/accounts.store';
import { SignInLimits } from './infrastructure/sign-in-limits.store';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { hashingQueueFor, signInLimitSettings } from './sign-in-settings';

/** Who may sign in, and who is signed in. */
@Module({
  providers: [
    AccountsStore,
    AccountsService,
    SessionsService,
    PasswordHasher,
    { provide: HashingQueue, inject: [ConsoleConfig], useFactory: hashingQueueFor },
    { provide: SignInLimits, inject: [DataSource, ConsoleConfig], useFactory: (dataSource: DataSource, config: ConsoleConfig) => new SignInLimits(dataSource, signInLimitSettings(config)) },
  ],
  exports: [AccountsService, SessionsService],
})
export class AccountsModule {}
