import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CASE_EVENT_KINDS, caseEventType, CaseEventV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { ConversationsService } from '../conversations';
import { OutreachService } from './outreach.service';

/**
 * Every kind of case event: even kinds that message nobody (opened, declined) keep the recipient
 * directory and the case threads' membership current. Other types on the shared topic are not ours.
 */
@Controller()
export class CaseEventHandler {
  constructor(
    private readonly outreach: OutreachService,
    private readonly conversations: ConversationsService,
  ) {}

  @EventPattern(CASE_EVENT_KINDS.map(caseEventType))
  async handle(@Payload() _event: CaseEventV1, @Ctx() context: EventContext<CaseEventV1>): Promise<void> {
    await this.conversations.recordMembership(context.manager, context.data);
    await this.outreach.handleCaseEvent(context);
  }
}
