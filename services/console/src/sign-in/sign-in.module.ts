import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module';
import { SessionGuard } from './session.guard';
import { SignInController } from './sign-in.controller';

/** Sign-in and sign-out, and the guard every other page sits behind. */
@Module({
  imports: [AccountsModule],
  controllers: [SignInController],
  providers: [{ provide: APP_GUARD, useClass: SessionGuard }],
})
export class SignInModule {}
