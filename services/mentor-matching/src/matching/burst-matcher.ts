import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { PollingLoop } from '../workers/polling-loop';
import { CaseQueue } from './case-queue';
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
  ) {
    this.loop = new PollingLoop('burst-matcher', config.WORKER_POLL_INTERVAL_MS, () => this.runBurst());
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
      if (!(await this.queue.burstIsDue(manager, this.config.MATCH_BURST_WINDOW_MS))) return 0;
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
