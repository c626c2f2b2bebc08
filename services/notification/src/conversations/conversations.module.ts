import { Module } from '@nestjs/common';
import { LinksModule } from '../links';
import { MessagesModule } from '../messages';
import { RecipientsModule } from '../recipients';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { InboundMailListener } from './inbound-mail.listener';
import { ConversationsStore } from './infrastructure/conversations.store';

/** Two-way messages between a case's student and mentor, in the console and by replying to email. */
@Module({
  imports: [RecipientsModule, MessagesModule, LinksModule],
  controllers: [ConversationsController],
  providers: [ConversationsStore, ConversationsService, InboundMailListener],
  exports: [ConversationsService, InboundMailListener],
})
export class ConversationsModule {}
