import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CASE_EVENT_KINDS, caseEventType, CaseEventV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { OutreachService } from './outreach.service';

/**
 * Every kind of case event: even kinds that message nobody (opened, declined) keep the recipient
 * directory current. Other types on the shared topic are not ours.
 */
@Controller()
export class CaseEventHandler {
  constructor(private readonly outreach: OutreachService) {}

  @EventPattern(CASE_EVENT_KINDS.map(caseEventType))
  handle(@Payload() _event: CaseEventV1, @Ctx() context: EventContext<CaseEventV1>): Promise<void> {
    return this.outreach.handleCaseEvent(context);
  }
}
