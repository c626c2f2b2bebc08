import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CaseEntity } from '../cases/infrastructure/case.entity';

const QUEUED_STATUSES = ['open', 'waitlisted'];

/**
 * Cases waiting for the next matching run. Queue times are the database's clock, not the injected
 * one: the burst window is about when events really arrived, not about business time.
 */
@Injectable()
export class CaseQueue {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Puts every waitlisted case into the next run, in the caller's transaction when it frees
   * capacity (a case closed, a mentor's capacity raised) and on its own periodically (leave ends
   * without anyone saying so). Cases another transaction holds are skipped rather than waited for:
   * they are changing anyway, and waiting here could deadlock with a matching run.
   */
  async retryWaitlist(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE cases SET match_requested_at = clock_timestamp()
       WHERE id IN (
         SELECT id FROM cases WHERE status = 'waitlisted' AND match_requested_at IS NULL FOR UPDATE SKIP LOCKED
       )`,
    );
  }

  /**
   * Milliseconds until the oldest waiting case has waited out the burst window: 0 when a burst is
   * due, null when no case waits.
   */
  async msUntilBurstDue(manager: EntityManager, windowMs: number): Promise<number | null> {
    const [row]: Array<{ wait_ms: number | null }> = await manager.query(
      `SELECT GREATEST(0, $1 - EXTRACT(EPOCH FROM clock_timestamp() - min(match_requested_at)) * 1000)::float AS wait_ms
       FROM cases
       WHERE match_requested_at IS NOT NULL AND status = ANY($2)`,
      [windowMs, QUEUED_STATUSES],
    );
    return row.wait_ms === null ? null : Math.ceil(row.wait_ms);
  }

  /** Claims waiting cases, oldest first, skipping any another transaction holds. */
  claim(manager: EntityManager, limit: number): Promise<CaseEntity[]> {
    return manager
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.match_requested_at IS NOT NULL')
      .andWhere('c.status IN (:...statuses)', { statuses: QUEUED_STATUSES })
      .orderBy('c.match_requested_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async release(manager: EntityManager, caseIds: readonly string[]): Promise<void> {
    await manager.query(`UPDATE cases SET match_requested_at = NULL WHERE id = ANY($1)`, [caseIds]);
  }
}
