import { Logger } from '@nestjs/common';
import { describeError } from '@mentoring/messaging';

/** One round of background work; resolves true when more is waiting, so the next round starts at once. */
export type Round = () => Promise<boolean>;

/**
 * Runs rounds every `intervalMs`, never two at once. A failing round is logged and tried again at
 * the next interval: the work lives in the database, so nothing is lost. stop() waits for the
 * round in flight.
 */
export class PollingLoop {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly round: Round,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.runRound();
    }, delayMs);
  }

  private async runRound(): Promise<void> {
    let moreWaiting = false;
    try {
      moreWaiting = await this.round();
    } catch (error) {
      this.logger.warn({ ...describeError(error), worker: this.name }, `${this.name} round failed; trying again in ${this.intervalMs} ms`);
    }
    this.schedule(moreWaiting ? 0 : this.intervalMs);
  }
}
