import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PollingLoop } from '@mentoring/messaging';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { CaseQueue } from '../cases';

/**
 * Tries the waitlist again now and then. Actions that free capacity queue it at once; this covers
 * what changes silently: a mentor's leave ending, time passing into a new availability window.
 */
@Injectable()
export class WaitlistRetry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(queue: CaseQueue, config: MentorMatchingConfig) {
    this.loop = new PollingLoop('waitlist-retry', config.WAITLIST_RETRY_INTERVAL_MS, async () => {
      await queue.retryWaitlist();
      return false;
    }, new Logger('waitlist-retry'));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
