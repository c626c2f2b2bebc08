import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PollingLoop } from '@mentoring/messaging';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { HOUR_MS, MINUTE_MS } from '../shared/time';
import { CaseTimerEntity } from './infrastructure/case-timer.entity';
import { claimDueTimer, markTimerFired, postponeTimer } from './infrastructure/timers.store';
import { DueTimerHandler } from './timers.port';

const TIMERS_PER_TICK = 100;

/**
 * Fires due timers, each in its own transaction with the work it triggers: claimed with
 * FOR UPDATE SKIP LOCKED, so with several replicas each timer fires exactly once, and a crash
 * before commit leaves it due for the next replica or restart.
 */
@Injectable()
export class TimerWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handler: DueTimerHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    config: MentorMatchingConfig,
  ) {
    this.loop = new PollingLoop('case-timers', config.WORKER_POLL_INTERVAL_MS, () => this.fireDue(), new Logger('case-timers'));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** True when the tick's quota ran out with timers still due. */
  async fireDue(): Promise<boolean> {
    for (let fired = 0; fired < TIMERS_PER_TICK; fired += 1) {
      if (!(await this.fireNext())) return false;
    }
    return true;
  }

  private async fireNext(): Promise<boolean> {
    const now = this.clock.now();
    const claimed: { timer?: CaseTimerEntity } = {};
    try {
      return await this.dataSource.transaction(async (manager) => {
        claimed.timer = (await claimDueTimer(manager, now)) ?? undefined;
        if (!claimed.timer) return false;
        const { caseId, kind, scheduledFor, dueAt } = claimed.timer;
        await this.handler.fire(manager, { caseId, kind, scheduledFor: scheduledFor ?? dueAt }, now);
        await markTimerFired(manager, claimed.timer.id, now);
        return true;
      });
    } catch (error) {
      if (!claimed.timer) throw error;
      await this.postpone(claimed.timer, error, now);
      return true;
    }
  }

  // A timer whose work keeps failing must not starve the others: it waits longer each time.
  private async postpone(timer: CaseTimerEntity, error: unknown, now: Date): Promise<void> {
    const delay = Math.min(MINUTE_MS * 2 ** timer.attempts, HOUR_MS);
    await postponeTimer(this.dataSource.manager, timer, error, new Date(now.getTime() + delay));
  }
}
