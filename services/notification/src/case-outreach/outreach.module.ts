import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations';
import { LinksModule } from '../links';
import { MessagesModule } from '../messages';
import { RecipientsModule } from '../recipients';
import { CaseEventHandler } from './case-event.handler';
import { OutreachService } from './outreach.service';

/** Supportive outreach from mentoring case events: students, mentors, coordinators. */
@Module({
  imports: [RecipientsModule, MessagesModule, LinksModule, ConversationsModule],
  controllers: [CaseEventHandler],
  providers: [OutreachService],
})
export class OutreachModule {}
