/** Thrown at once, without queueing, when every hashing slot and every waiting place is taken. */
export class HashingBusyError extends Error {
  constructor() {
    super('Password hashing is at capacity');
    this.name = 'HashingBusyError';
  }
}

export interface HashingQueueLimits {
  /** Hashes computed at the same time. */
  concurrency: number;
  /** Requests allowed to wait for a slot; one more is refused instead of queued. */
  maxWaiting: number;
}

/**
 * A semaphore with a bounded waiting line. scrypt is memory- and CPU-hard by design, so unbounded
 * concurrent sign-ins would exhaust the process; refusing the excess early keeps the answer quick
 * for them and the work bounded for everyone else.
 */
export class HashingQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limits: HashingQueueLimits) {
    if (!Number.isInteger(limits.concurrency) || limits.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    if (!Number.isInteger(limits.maxWaiting) || limits.maxWaiting < 0) throw new RangeError('maxWaiting must be a non-negative integer');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a slot is free; rejects with HashingBusyError, without running it, when the line is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.maxWaiting) throw new HashingBusyError();
      // The finishing task hands its slot over directly, so `running` never drops and lets a newcomer jump the line.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
