import { Module } from '@nestjs/common';
import { LinksModule } from '../links';
import { MessagesModule } from '../messages';
import { RecipientsModule } from '../recipients';
import { DeliveryWorker } from './delivery-worker';
import { EmailQueue } from './email-queue';
import { EmailScheduler } from './email-scheduler';
import { EmailSender } from './email-sender';

/** Email over SMTP from the durable queue: sends, retries, deferrals and digests. */
@Module({
  imports: [MessagesModule, LinksModule, RecipientsModule],
  providers: [EmailSender, EmailQueue, DeliveryWorker, EmailScheduler],
})
export class DeliveryModule {}
