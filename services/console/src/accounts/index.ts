// What other features may use of accounts: the module, its services and what a signed-in person is.
export { AccountsModule } from './accounts.module';
export { AccountsService } from './accounts.service';
export type { SignInResult } from './accounts.service';
export { SessionsService } from './sessions.service';
export type { SignedInUser, StartedSession } from './sessions.service';
