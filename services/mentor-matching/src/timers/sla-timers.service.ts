import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CaseRecord } from '../cases/case-record';
import { ChangeOrigin, CaseStore } from '../cases/case-store';
import { CaseTransitionError, expireSla, remindMentor } from '../cases/domain';
import { MatchingService } from '../matching/matching.service';
import { CaseTimerEntity } from './infrastructure/case-timer.entity';

/** What an SLA timer does when it fires: remind the mentor at half-time, move the case on at expiry. */
@Injectable()
export class SlaTimers {
  private readonly logger = new Logger(SlaTimers.name);

  constructor(
    private readonly store: CaseStore,
    private readonly matching: MatchingService,
  ) {}

  /**
   * Fires one timer in the caller's transaction. A timer that fires after its case moved on (the
   * mentor accepted, the case was re-matched) finds a refused transition: nothing to do, done.
   */
  async fire(manager: EntityManager, timer: CaseTimerEntity, now: Date): Promise<void> {
    const record = await this.store.lock(manager, timer.caseId);
    if (!record) return;
    try {
      if (timer.kind === 'sla-reminder') await this.remind(manager, record, now);
      else await this.expire(manager, record, now);
    } catch (error) {
      if (!(error instanceof CaseTransitionError)) throw error;
      this.logger.debug(`${timer.kind} timer of case ${record.id} had nothing to do: ${error.code}`);
    }
  }

  // A reminder that comes due only after the deadline (no replica ran in between) would arrive
  // together with the reassignment; the expiry timer says all there is to say.
  private async remind(manager: EntityManager, record: CaseRecord, now: Date): Promise<void> {
    if (record.slaDeadline && now >= record.slaDeadline) return;
    await this.store.apply(manager, record, remindMentor(record, now), timerOrigin(record));
  }

  /** The coordinator hears of the lapse, and the case goes to the next mentor (or the waitlist) in the same transaction. */
  private async expire(manager: EntityManager, record: CaseRecord, now: Date): Promise<void> {
    const expired = expireSla(record, now);
    await this.matching.lockForMatching(manager);
    const origin = timerOrigin(record);
    await this.matching.rematch(manager, await this.store.apply(manager, record, expired, origin), origin, true);
  }
}

function timerOrigin(record: CaseRecord): ChangeOrigin {
  return { cause: { correlationId: record.correlationId }, actor: 'system:sla-timer' };
}
