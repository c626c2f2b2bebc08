import { Module } from '@nestjs/common';
import { RecipientsModule } from '../recipients';
import { DeliveryJournal } from './delivery-journal';
import { EmailPlanner } from './email-planner';
import { MessageComposer } from './message-composer';
import { MessageRecorder } from './message-recorder';
import { MessageStore } from './infrastructure/messages.store';

/** Stored messages, their deliveries per channel and the delivery log; shared by outreach, delivery and the inbox. */
@Module({
  imports: [RecipientsModule],
  providers: [MessageComposer, MessageStore, DeliveryJournal, EmailPlanner, MessageRecorder],
  exports: [MessageComposer, MessageStore, DeliveryJournal, EmailPlanner, MessageRecorder],
})
export class MessagesModule {}
