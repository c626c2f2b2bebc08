/** The time source of every rule that depends on "now" (SLA, leave, slots), injectable so tests can move time. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
