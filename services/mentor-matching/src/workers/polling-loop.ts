import { Logger } from '@nestjs/common';

/** One unit of background work; resolves true when more is waiting, so the loop runs again at once. */
export type Tick = () => Promise<boolean>;

/**
 * Runs a tick every `intervalMs`. Ticks never overlap; a failing tick is logged and retried at the
 * next interval (work lives in the database, so nothing is lost); stop() waits for the tick in flight.
 */
export class PollingLoop {
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: Tick,
    private readonly logger = new Logger(name),
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.runOnce();
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    let moreWaiting = false;
    try {
      moreWaiting = await this.tick();
    } catch (error) {
      this.logger.error({ err: error, worker: this.name }, `${this.name} failed; retrying in ${this.intervalMs} ms`);
    }
    this.schedule(moreWaiting ? 0 : this.intervalMs);
  }
}
