import { DynamicModule, Global, Module } from '@nestjs/common';

/** The time source of every rule that depends on "now" (quiet hours, caps, digests, retries), injectable so tests move time. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** Provides CLOCK to every module. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
