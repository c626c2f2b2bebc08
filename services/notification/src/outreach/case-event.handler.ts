import { Injectable, OnModuleInit } from '@nestjs/common';
import { CASE_EVENT_KINDS, caseEventType, CaseEventV1, TOPICS } from '@mentoring/contracts';
import { EventHandler, HandlerContext, MessagingRuntime } from '@mentoring/messaging';
import { OutreachService } from './outreach.service';

/**
 * Every kind of case event: even kinds that message nobody (opened, declined) keep the recipient
 * directory current. Other types on the shared topic are not ours.
 */
@Injectable()
export class CaseEventHandler implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly outreach: OutreachService,
  ) {}

  onModuleInit(): void {
    const handlers: EventHandler<CaseEventV1>[] = CASE_EVENT_KINDS.map((kind) => ({
      type: caseEventType(kind),
      payload: CaseEventV1,
      handle: (context: HandlerContext<CaseEventV1>) => this.outreach.handleCaseEvent(context),
    }));
    this.runtime.subscribe({ topic: TOPICS.mentoringCaseEvents, handlers: handlers as EventHandler[], ignoreOtherTypes: true });
  }
}
