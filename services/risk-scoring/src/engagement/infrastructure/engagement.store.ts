import type { CaseEventV1 } from '@mentoring/contracts';
import type { EntityManager } from 'typeorm';
import { EngagementSignalEntity, EngagementSignalKind } from './engagement-signal.entity';

/** One engagement signal of a case event, before it is stored. */
export interface EngagementSignalInput {
  kind: EngagementSignalKind;
  consecutiveMissed: number | null;
  occurredAt: string;
}

/**
 * Missed sessions in a row per student, from the latest session each student had that is still
 * current: of a case that is not closed (a closed case's streak is over) and on or after `since`
 * (the start of the academic year). Students with none are left out (none missed). A case
 * declined by the student is not read here on purpose: opting out of mentoring must never raise a
 * student's level.
 */
export async function loadConsecutiveMissedSessions(
  manager: EntityManager,
  studentIds: readonly string[],
  since: Date,
): Promise<Map<string, number>> {
  const rows: Array<{ student_id: string; consecutive_missed: number }> = await manager.query(
    `SELECT DISTINCT ON (s.student_id) s.student_id, s.consecutive_missed
     FROM engagement_signals s
     LEFT JOIN case_assignments a ON a.case_id = s.case_id
     WHERE s.student_id = ANY($1) AND s.kind LIKE 'session-%' AND s.occurred_at >= $2
       AND (a.status IS NULL OR a.status <> 'closed')
     ORDER BY s.student_id, s.occurred_at DESC, s.recorded_at DESC`,
    [studentIds, since],
  );
  return new Map(rows.map((row) => [row.student_id, row.consecutive_missed]));
}

/** A student's engagement signals, newest first. */
export function listEngagementSignals(manager: EntityManager, studentId: string): Promise<EngagementSignalEntity[]> {
  return manager.find(EngagementSignalEntity, { where: { studentId }, order: { occurredAt: 'DESC', recordedAt: 'DESC' } });
}

/** True when the mentor holds an open case (matched or active) of the student. */
export async function mentorHoldsStudent(manager: EntityManager, mentorId: string, studentId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM case_assignments WHERE mentor_id = $1 AND student_id = $2 AND status IN ('matched', 'active') LIMIT 1`,
    [mentorId, studentId],
  );
  return rows.length > 0;
}

/** Keeps the case's latest state; an event older than the stored state (a late replay) changes nothing. */
export async function recordAssignment(manager: EntityManager, event: CaseEventV1): Promise<void> {
  await manager.query(
    `INSERT INTO case_assignments (case_id, student_id, mentor_id, status, occurred_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO UPDATE SET
       student_id = EXCLUDED.student_id, mentor_id = EXCLUDED.mentor_id, status = EXCLUDED.status, occurred_at = EXCLUDED.occurred_at
     WHERE case_assignments.occurred_at <= EXCLUDED.occurred_at`,
    [event.caseId, event.studentId, event.mentor?.id ?? null, event.status, event.occurredAt],
  );
}

export async function recordSignal(
  manager: EntityManager,
  eventId: string,
  event: CaseEventV1,
  signal: EngagementSignalInput,
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
