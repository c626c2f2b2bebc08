import { Injectable } from '@nestjs/common';
import type { CaseEventKind, CaseEventV1, EventEnvelope, SessionLogV1 } from '@mentoring/contracts';
import { PermanentError } from '@mentoring/messaging';
import type { EntityManager } from 'typeorm';
import { triggerFromEvent } from '../standings/assessment-trigger';
import { StandingsService } from '../standings/standings.service';
import { EngagementSignalEntity, EngagementSignalKind } from './infrastructure/engagement-signal.entity';

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
  constructor(private readonly standings: StandingsService) {}

  async recordCaseEvent(manager: EntityManager, kind: HandledCaseEventKind, event: CaseEventV1, envelope: EventEnvelope): Promise<void> {
    await recordAssignment(manager, event);
    if (kind === 'session-logged') await this.recordSession(manager, event, envelope);
    if (kind === 'closed' && event.outcome === 'declined-by-student') {
      await recordSignal(manager, envelope.id, event, { kind: 'case-declined-by-student', consecutiveMissed: null, occurredAt: event.occurredAt });
    }
  }

  private async recordSession(manager: EntityManager, event: CaseEventV1, envelope: EventEnvelope): Promise<void> {
    const session = sessionOf(event);
    await recordSignal(manager, envelope.id, event, {
      kind: `session-${session.outcome}`,
      consecutiveMissed: session.consecutiveMissed,
      occurredAt: session.occurredAt,
    });
    const changedBy = event.mentor ? `mentor:${event.mentor.id}` : envelope.source;
    const { studentId, program, yearOfStudy } = event;
    await this.standings.reassessStudent(manager, { studentId, program, yearOfStudy }, triggerFromEvent('session-logged', envelope, changedBy));
  }
}

function sessionOf(event: CaseEventV1): SessionLogV1 {
  if (!event.session) throw new PermanentError('missing-session', `session-logged event of case ${event.caseId} carries no session`);
  return event.session;
}

/** Keeps the case's latest state; an event older than the stored state (a late replay) changes nothing. */
async function recordAssignment(manager: EntityManager, event: CaseEventV1): Promise<void> {
  await manager.query(
    `INSERT INTO case_assignments (case_id, student_id, mentor_id, status, occurred_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO UPDATE SET
       student_id = EXCLUDED.student_id, mentor_id = EXCLUDED.mentor_id, status = EXCLUDED.status, occurred_at = EXCLUDED.occurred_at
     WHERE case_assignments.occurred_at <= EXCLUDED.occurred_at`,
    [event.caseId, event.studentId, event.mentor?.id ?? null, event.status, event.occurredAt],
  );
}

async function recordSignal(
  manager: EntityManager,
  eventId: string,
  event: CaseEventV1,
  signal: { kind: EngagementSignalKind; consecutiveMissed: number | null; occurredAt: string },
): Promise<void> {
  await manager.insert(EngagementSignalEntity, {
    eventId,
    studentId: event.studentId,
    caseId: event.caseId,
    kind: signal.kind,
    consecutiveMissed: signal.consecutiveMissed,
    occurredAt: new Date(signal.occurredAt),
  });
}
