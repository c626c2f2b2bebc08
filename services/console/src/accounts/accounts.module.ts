import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service';
import { AccountEntity } from './infrastructure/account.entity';
import { SessionEntity } from './infrastructure/session.entity';
import { SessionsService } from './sessions.service';

/** Who may sign in, and who is signed in. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity, SessionEntity])],
  providers: [AccountsService, SessionsService],
  exports: [AccountsService, SessionsService],
})
export class AccountsModule {}
