import { describeError } from '../errors';
import { MessagingLogger } from '../logger';

/** One round of background work; resolves true when more is waiting, so the next round starts at once. */
export type Round = () => Promise<boolean>;

/**
 * Runs rounds every `intervalMs`, never two at once. `wake()` brings the next round forward when
 * something announced work (a committed event, say), so the interval is only a safety net. A
 * failing round is logged and tried again at the next interval: the work lives in the database,
 * so nothing is lost. stop() waits for the round in flight.
 */
export class PollingLoop {
  private timer?: NodeJS.Timeout;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private inFlight?: Promise<void>;
  /** The earliest time a wake asked for while a round was running. */
  private wokenFor = Number.POSITIVE_INFINITY;
  private running = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly round: Round,
    private readonly logger: Pick<MessagingLogger, 'warn'>,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    await this.inFlight;
  }

  /**
   * Runs a round within `afterMs` rather than at the end of the interval. Called during a round,
   * it asks for another one after it: the running round may have read the database too early.
   */
  wake(afterMs = 0): void {
    if (!this.running) return;
    if (this.inFlight) this.wokenFor = Math.min(this.wokenFor, Date.now() + afterMs);
    else this.schedule(afterMs);
  }

  /** Keeps whichever of the pending and the requested round comes first. */
  private schedule(delayMs: number): void {
    if (!this.running || Date.now() + delayMs >= this.timerDueAt) return;
    this.clearTimer();
    this.timerDueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.clearTimer();
      this.inFlight = this.runRound();
    }, delayMs);
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  private async runRound(): Promise<void> {
    this.wokenFor = Number.POSITIVE_INFINITY;
    let moreWaiting = false;
    try {
      moreWaiting = await this.round();
    } catch (error) {
      this.logger.warn({ ...describeError(error), worker: this.name }, `${this.name} round failed; trying again in ${this.intervalMs} ms`);
    }
    this.inFlight = undefined;
    this.schedule(moreWaiting ? 0 : Math.min(this.intervalMs, Math.max(0, this.wokenFor - Date.now())));
  }
}
