import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CASE_EVENT_KINDS, caseEventType, CaseEventV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { recordCaseState } from './infrastructure/caseloads.store';

/**
 * Every case event carries the whole case (status and the mentor it names), so each kind is read:
 * a decline or an SLA expiry (`escalated`) takes the mentor off the case as surely as a close.
 */
@Controller()
export class CaseEventHandlers {
  @EventPattern(CASE_EVENT_KINDS.map(caseEventType))
  handle(@Payload() event: CaseEventV1, @Ctx() { manager }: EventContext<CaseEventV1>): Promise<void> {
    return recordCaseState(manager, event);
  }
}
