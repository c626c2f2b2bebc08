import { Injectable, OnModuleInit } from '@nestjs/common';
import { CASE_EVENT_KINDS, caseEventType, CaseEventV1, TOPICS } from '@mentoring/contracts';
import { EventHandler, MessagingRuntime } from '@mentoring/messaging';
import { recordCaseState } from './infrastructure/case-assignment.store';

/**
 * Every case event carries the whole case (status and the mentor it names), so each kind is read:
 * a decline or an SLA expiry (`escalated`) takes the mentor off the case as surely as a close.
 */
@Injectable()
export class CaseEventHandlers implements OnModuleInit {
  constructor(private readonly runtime: MessagingRuntime) {}

  onModuleInit(): void {
    this.runtime.subscribe({
      topic: TOPICS.mentoringCaseEvents,
      ignoreOtherTypes: true,
      handlers: CASE_EVENT_KINDS.map((kind): EventHandler<CaseEventV1> => ({
        type: caseEventType(kind),
        payload: CaseEventV1,
        handle: (context) => recordCaseState(context.manager, context.data),
      })),
    });
  }
}
