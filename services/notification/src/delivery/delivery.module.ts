import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { MessagesModule } from '../messages/messages.module';
import { DeliveryWorker } from './delivery-worker';
import { EmailQueue } from './email-queue';
import { EmailScheduler } from './email-scheduler';
import { EmailSender } from './email-sender';

/** Email over SMTP from the durable queue: sends, retries, deferrals and digests. */
@Module({
  imports: [MessagesModule, LinksModule],
  providers: [EmailSender, EmailQueue, DeliveryWorker, EmailScheduler],
})
export class DeliveryModule {}
