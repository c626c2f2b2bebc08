import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, CLOCK } from '@mentoring/platform';
import { DataSource } from 'typeorm';
import { CaseTimers } from '../timers';
import { CASE_POLICY } from './case-policy';
import { CasePolicy, FOLLOW_THROUGH_TIMER_KINDS, followThroughTimers } from './domain';
import { casesNotClosed } from './infrastructure/cases.store';

/**
 * Cases still open from before meeting reminders and nudges existed have none of their timers:
 * on start-up each gets the timers it would have been given (a reminder per lead still ahead of a
 * booked meeting, the nudges of a stall, now if overdue). A case that has had any of them is left
 * alone, so this does nothing once every open case is covered; replicas starting together may set
 * the same overdue timer twice, and the case refuses the second.
 */
@Injectable()
export class FollowThroughBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(FollowThroughBackfill.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: CaseTimers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_POLICY) private readonly policy: CasePolicy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const scheduled = await this.dataSource.transaction(async (manager) => {
      const cases = await casesNotClosed(manager);
      const covered = await this.timers.casesWithTimers(manager, cases.map((record) => record.id), FOLLOW_THROUGH_TIMER_KINDS);
      const now = this.clock.now();
      let count = 0;
      for (const record of cases.filter((candidate) => !covered.has(candidate.id))) {
        for (const timer of followThroughTimers(null, record, this.policy, now)) {
          await this.timers.schedule(manager, record.id, timer.kind, timer.dueAt);
          count += 1;
        }
      }
      return count;
    });
    if (scheduled > 0) this.logger.log(`Set ${scheduled} reminder and nudge timers for cases opened before they existed`);
  }
}
