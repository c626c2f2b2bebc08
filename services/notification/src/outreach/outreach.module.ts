import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module';
import { MessagesModule } from '../messages/messages.module';
import { RecipientsModule } from '../recipients/recipients.module';
import { CaseEventHandler } from './case-event.handler';
import { OutreachService } from './outreach.service';

/** Supportive outreach from mentoring case events: students, mentors, coordinators. */
@Module({
  imports: [RecipientsModule, MessagesModule, LinksModule],
  controllers: [CaseEventHandler],
  providers: [OutreachService],
})
export class OutreachModule {}
