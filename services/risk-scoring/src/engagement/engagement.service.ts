import { Injectable } from '@nestjs/common';
import type { CaseEventKind, CaseEventV1, EventEnvelope, SessionLogV1 } from '@mentoring/contracts';
import { PermanentError } from '@mentoring/messaging';
import type { EntityManager } from 'typeorm';
import { recordAssignment, recordSignal } from './infrastructure/engagement.store';

/**
 * Case events this service reads: the ones that move a case between mentors (an SLA expiry is an
 * `escalated` event that takes the lapsed mentor off the case), and logged sessions.
 */
export const HANDLED_CASE_EVENT_KINDS = ['matched', 'accepted', 'declined', 'reassigned', 'escalated', 'closed', 'session-logged'] as const satisfies readonly CaseEventKind[];
export type HandledCaseEventKind = (typeof HANDLED_CASE_EVENT_KINDS)[number];

/**
 * What mentoring tells scoring: who holds each case (for access to standings), sessions attended
 * or missed (an input: missed sessions raise the level), and cases the student declined (kept as
 * a fact in the history, deliberately not an input: opting out must not raise a student's level).
 */
@Injectable()
export class EngagementService {
  /**
   * Records what the event tells scoring. Returns whether it is an input of the student's standing
   * (a logged session, or a closed case whose streak ends), so the caller re-assesses the student
   * in the same transaction.
   */
  async recordCaseEvent(manager: EntityManager, kind: HandledCaseEventKind, event: CaseEventV1, envelope: EventEnvelope): Promise<boolean> {
    await recordAssignment(manager, event);
    if (kind === 'closed' && event.outcome === 'declined-by-student') {
      await recordSignal(manager, envelope.id, event, { kind: 'case-declined-by-student', consecutiveMissed: null, occurredAt: event.occurredAt });
    }
    // A closed case's missed sessions stop counting, so the standing may change with it.
    if (kind === 'closed') return true;
    if (kind !== 'session-logged') return false;
    const session = sessionOf(event);
    await recordSignal(manager, envelope.id, event, {
      kind: `session-${session.outcome}`,
      consecutiveMissed: session.consecutiveMissed,
      occurredAt: session.occurredAt,
    });
    return true;
  }
}

function sessionOf(event: CaseEventV1): SessionLogV1 {
  if (!event.session) throw new PermanentError('missing-session', `session-logged event of case ${event.caseId} carries no session`);
  return event.session;
}

