import { Module } from '@nestjs/common';
import { RecipientsModule } from '../recipients/recipients.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The in-app inbox and the delivery log. */
@Module({
  imports: [RecipientsModule],
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxModule {}
