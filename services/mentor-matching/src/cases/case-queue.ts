import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseRecord } from './case-record';
import { claimQueued, msUntilOldestQueuedWaited, requeueWaitlist, unqueue } from './infrastructure/cases.store';

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
   * without anyone saying so).
   */
  retryWaitlist(manager: EntityManager = this.dataSource.manager): Promise<void> {
    return requeueWaitlist(manager);
  }

  /** Milliseconds until the oldest waiting case has waited out the burst window: 0 when a burst is due, null when no case waits. */
  msUntilBurstDue(manager: EntityManager, windowMs: number): Promise<number | null> {
    return msUntilOldestQueuedWaited(manager, windowMs);
  }

  /** Claims waiting cases, oldest first, skipping any another transaction holds. */
  claim(manager: EntityManager, limit: number): Promise<CaseRecord[]> {
    return claimQueued(manager, limit);
  }

  release(manager: EntityManager, caseIds: readonly string[]): Promise<void> {
    return unqueue(manager, caseIds);
  }
}
