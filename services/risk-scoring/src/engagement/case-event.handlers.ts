import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { caseEventType, CaseEventV1 } from '@mentoring/contracts';
import { EventContext, PermanentError } from '@mentoring/messaging';
import { EngagementService, HANDLED_CASE_EVENT_KINDS, HandledCaseEventKind } from './engagement.service';

/** The kinds of the shared case-event topic this service needs; the others are skipped. */
@Controller()
export class CaseEventHandlers {
  constructor(private readonly engagement: EngagementService) {}

  @EventPattern(HANDLED_CASE_EVENT_KINDS.map(caseEventType))
  handle(@Payload() event: CaseEventV1, @Ctx() { manager, envelope }: EventContext<CaseEventV1>): Promise<void> {
    return this.engagement.recordCaseEvent(manager, kindOf(envelope.type), event, envelope);
  }
}

/** The kind the envelope's type names (routing only delivers the handled ones). */
function kindOf(type: string): HandledCaseEventKind {
  const kind = HANDLED_CASE_EVENT_KINDS.find((candidate) => caseEventType(candidate) === type);
  if (!kind) throw new PermanentError('unknown-type', `no handler for event type ${type}`);
  return kind;
}
