import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages';
import { RecipientsModule } from '../recipients';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The in-app inbox and the delivery log. */
@Module({
  imports: [RecipientsModule, MessagesModule],
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxModule {}
