import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DueTimer, DueTimerHandler } from '../timers';
import { CaseMatching } from './case-matching.port';
import { FollowThroughTimers } from './follow-through-timers';
import type { CaseRecord } from './case-record';
import { ChangeOrigin, CaseUnitOfWork } from './case-unit-of-work';
import { CaseTransitionError, expireSla, remindMentor } from './domain';
import { lockCase } from './infrastructure/cases.store';

/**
 * What a case timer does when it fires: an SLA timer reminds the mentor at half-time and moves the
 * case on at expiry; meeting reminders and nudges go to the follow-through.
 */
@Injectable()
export class SlaTimers extends DueTimerHandler {
  private readonly logger = new Logger(SlaTimers.name);

  constructor(
    private readonly work: CaseUnitOfWork,
    private readonly matching: CaseMatching,
    private readonly followThrough: FollowThroughTimers,
  ) {
    super();
  }

  /**
   * Fires one timer in the caller's transaction. A timer that fires after its case moved on (the
   * mentor accepted, the case was re-matched, the meeting moved) finds a refused transition:
   * nothing to do, done.
   */
  async fire(manager: EntityManager, timer: DueTimer, now: Date): Promise<void> {
    const record = await lockCase(manager, timer.caseId);
    if (!record) return;
    try {
      if (timer.kind === 'sla-reminder') await this.remind(manager, record, now);
      else if (timer.kind === 'sla-expiry') await this.expire(manager, record, now);
      else await this.followThrough.fire(manager, record, timer, now);
    } catch (error) {
      if (!(error instanceof CaseTransitionError)) throw error;
      this.logger.debug(`${timer.kind} timer of case ${record.id} had nothing to do: ${error.code}`);
    }
  }

  // A reminder that comes due only after the deadline (no replica ran in between) would arrive
  // together with the reassignment; the expiry timer says all there is to say.
  private async remind(manager: EntityManager, record: CaseRecord, now: Date): Promise<void> {
    if (record.slaDeadline && now >= record.slaDeadline) return;
    await this.work.apply(manager, record, remindMentor(record, now), timerOrigin(record));
  }

  /** The coordinator hears of the lapse, and the case goes to the next mentor (or the waitlist) in the same transaction. */
  private async expire(manager: EntityManager, record: CaseRecord, now: Date): Promise<void> {
    const expired = expireSla(record, now);
    await this.matching.lockForMatching(manager);
    const origin = timerOrigin(record);
    await this.matching.rematch(manager, await this.work.apply(manager, record, expired, origin), origin, true);
  }
}

function timerOrigin(record: CaseRecord): ChangeOrigin {
  return { cause: { correlationId: record.correlationId }, actor: 'system:sla-timer' };
}
