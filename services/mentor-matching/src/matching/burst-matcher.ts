import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { MessagingRuntime, PollingLoop } from '@mentoring/messaging';
import { DataSource } from 'typeorm';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { CaseQueue } from '../cases';
import { MatchingMetrics } from './matching-metrics';
import { MatchingService } from './matching.service';

/**
 * Matches queued cases in bursts: once the oldest has waited the burst window, everything queued
 * by then is assigned jointly, so the first arrivals after exam results do not take every good
 * slot. One replica runs a burst at a time (the matching lock); the others skip the tick.
 */
@Injectable()
export class BurstMatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: CaseQueue,
    private readonly matching: MatchingService,
    private readonly metrics: MatchingMetrics,
    private readonly config: MentorMatchingConfig,
    runtime: MessagingRuntime,
  ) {
    this.loop = new PollingLoop('burst-matcher', config.WORKER_POLL_INTERVAL_MS, () => this.runBurst(), new Logger('burst-matcher'));
    // Risk assessments are what open cases: look at the queue as soon as their transaction commits,
    // then come back exactly when the burst window of the oldest waiting case ends.
    runtime.onCommitted(TOPICS.riskAssessed, () => this.loop.wake());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** One burst if one is due; true when the batch was full, so more cases are waiting. */
  async runBurst(): Promise<boolean> {
    const matched = await this.dataSource.transaction(async (manager) => {
      const waitMs = await this.queue.msUntilBurstDue(manager, this.config.MATCH_BURST_WINDOW_MS);
      if (waitMs === null) return 0;
      if (waitMs > 0) {
        this.loop.wake(waitMs);
        return 0;
      }
      if (!(await this.matching.tryLockForMatching(manager))) return 0;
      const cases = await this.queue.claim(manager, this.config.MATCH_BURST_MAX_CASES);
      if (cases.length === 0) return 0;
      await this.matching.matchQueued(manager, cases);
      await this.queue.release(manager, cases.map((record) => record.id));
      return cases.length;
    });
    if (matched > 0) this.metrics.burstCases.observe(matched);
    return matched === this.config.MATCH_BURST_MAX_CASES;
  }
}
