import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CaseTimerEntity, CaseTimerKind } from './case-timer.entity';

/** A timer of the case due at `dueAt`; the same one twice is stored once. */
export async function scheduleTimer(manager: EntityManager, caseId: string, kind: CaseTimerKind, dueAt: Date): Promise<void> {
  await manager.query(
    `INSERT INTO case_timers (id, case_id, kind, due_at, scheduled_for) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (case_id, kind, due_at) DO NOTHING`,
    [randomUUID(), caseId, kind, dueAt],
  );
}

export async function casesWithTimersOf(manager: EntityManager, caseIds: readonly string[], kinds: readonly CaseTimerKind[]): Promise<Set<string>> {
  const rows: Array<{ case_id: string }> = await manager.query(`SELECT DISTINCT case_id FROM case_timers WHERE case_id = ANY($1) AND kind = ANY($2)`, [
    [...caseIds],
    [...kinds],
  ]);
  return new Set(rows.map((row) => row.case_id));
}

/** The earliest due timer nobody else holds, locked until the transaction ends. */
export function claimDueTimer(manager: EntityManager, now: Date): Promise<CaseTimerEntity | null> {
  return manager
    .createQueryBuilder(CaseTimerEntity, 't')
    .where('t.fired_at IS NULL')
    .andWhere('t.due_at <= :now', { now })
    .orderBy('t.due_at', 'ASC')
    .limit(1)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getOne();
}

export async function markTimerFired(manager: EntityManager, timerId: string, firedAt: Date): Promise<void> {
  await manager.update(CaseTimerEntity, { id: timerId }, { firedAt });
}

export async function postponeTimer(manager: EntityManager, timer: CaseTimerEntity, error: unknown, dueAt: Date): Promise<void> {
  await manager.update(CaseTimerEntity, { id: timer.id }, { attempts: timer.attempts + 1, lastError: String(error), dueAt });
}
