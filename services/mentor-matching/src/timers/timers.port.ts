import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CaseTimerKind } from './infrastructure/case-timer.entity';
import { casesWithTimersOf, scheduleTimer } from './infrastructure/timers.store';

export type { CaseTimerKind } from './infrastructure/case-timer.entity';

/** A timer as it fires: which case, what for. */
export interface DueTimer {
  readonly caseId: string;
  readonly kind: CaseTimerKind;
  /** The instant it was set for (a meeting reminder's lead is counted back from the meeting to here). */
  readonly scheduledFor: Date;
}

/** Durable timers of cases, as other features set them. */
@Injectable()
export class CaseTimers {
  schedule(manager: EntityManager, caseId: string, kind: CaseTimerKind, dueAt: Date): Promise<void> {
    return scheduleTimer(manager, caseId, kind, dueAt);
  }

  /** Which of these cases have ever had a timer of one of these kinds, fired or not. */
  casesWithTimers(manager: EntityManager, caseIds: readonly string[], kinds: readonly CaseTimerKind[]): Promise<Set<string>> {
    return casesWithTimersOf(manager, caseIds, kinds);
  }
}

/**
 * What a due timer does, in the transaction that marks it fired; implemented by the feature that
 * owns cases, so timers never import the features above them.
 */
export abstract class DueTimerHandler {
  abstract fire(manager: EntityManager, timer: DueTimer, now: Date): Promise<void>;
}
