import { Injectable, OnModuleInit } from '@nestjs/common';
import { caseEventType, CaseEventV1, TOPICS } from '@mentoring/contracts';
import { EventHandler, MessagingRuntime } from '@mentoring/messaging';
import { EngagementService, HANDLED_CASE_EVENT_KINDS, HandledCaseEventKind } from './engagement.service';

/** Subscribes to the shared case-event topic for the kinds this service needs; the others are skipped. */
@Injectable()
export class CaseEventHandlers implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly engagement: EngagementService,
  ) {}

  onModuleInit(): void {
    this.runtime.subscribe({
      topic: TOPICS.mentoringCaseEvents,
      ignoreOtherTypes: true,
      handlers: HANDLED_CASE_EVENT_KINDS.map((kind) => this.handlerFor(kind)),
    });
  }

  private handlerFor(kind: HandledCaseEventKind): EventHandler<CaseEventV1> {
    return {
      type: caseEventType(kind),
      payload: CaseEventV1,
      handle: (context) => this.engagement.recordCaseEvent(context.manager, kind, context.data, context.envelope),
    };
  }
}
