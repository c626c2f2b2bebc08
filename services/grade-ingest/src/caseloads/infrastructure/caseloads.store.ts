import type { CaseEventV1 } from '@mentoring/contracts';
import type { EntityManager } from 'typeorm';

/** Case statuses in which the case's mentor is the student's current mentor (offered or accepted). */
export const HOLDING_STATUSES = ['matched', 'active'] as const;

/** Keeps the case's latest state; an event older than the stored state (a late replay) changes nothing. */
export async function recordCaseState(manager: EntityManager, event: CaseEventV1): Promise<void> {
  await manager.query(
    `INSERT INTO case_assignments (case_id, student_id, mentor_id, status, occurred_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO UPDATE SET
       student_id = EXCLUDED.student_id, mentor_id = EXCLUDED.mentor_id, status = EXCLUDED.status, occurred_at = EXCLUDED.occurred_at
     WHERE case_assignments.occurred_at <= EXCLUDED.occurred_at`,
    [event.caseId, event.studentId, event.mentor?.id ?? null, event.status, event.occurredAt],
  );
}

/** True when the mentor holds an open case (matched or active) of the student. */
export async function mentorHoldsStudent(manager: EntityManager, mentorId: string, studentId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM case_assignments WHERE mentor_id = $1 AND student_id = $2 AND status = ANY($3) LIMIT 1`,
    [mentorId, studentId, HOLDING_STATUSES],
  );
  return rows.length > 0;
}
