import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { caseEventType, CaseEventV1 } from '@mentoring/contracts';
import { EventContext, PermanentError } from '@mentoring/messaging';
import { EngagementService, HANDLED_CASE_EVENT_KINDS, HandledCaseEventKind } from '../engagement';
import { triggerFromEvent } from './assessment-trigger';
import { StandingsService } from './standings.service';

/** The kinds of the shared case-event topic this service needs; the others are skipped. */
@Controller()
export class CaseEventHandlers {
  constructor(
    private readonly engagement: EngagementService,
    private readonly standings: StandingsService,
  ) {}

  @EventPattern(HANDLED_CASE_EVENT_KINDS.map(caseEventType))
  async handle(@Payload() event: CaseEventV1, @Ctx() { manager, envelope }: EventContext<CaseEventV1>): Promise<void> {
    const kind = kindOf(envelope.type);
    if (!(await this.engagement.recordCaseEvent(manager, kind, event, envelope))) return;
    const changedBy = event.mentor ? `mentor:${event.mentor.id}` : envelope.source;
    const { studentId, program, yearOfStudy } = event;
    const trigger = triggerFromEvent(kind === 'closed' ? 'case-closed' : 'session-logged', envelope, changedBy);
    await this.standings.reassessStudent(manager, { studentId, program, yearOfStudy }, trigger);
  }
}

/** The kind the envelope's type names (routing only delivers the handled ones). */
function kindOf(type: string): HandledCaseEventKind {
  const kind = HANDLED_CASE_EVENT_KINDS.find((candidate) => caseEventType(candidate) === type);
  if (!kind) throw new PermanentError('unknown-type', `no handler for event type ${type}`);
  return kind;
}
