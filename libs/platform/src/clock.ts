import { DynamicModule, Global, Module } from '@nestjs/common';

/**
 * The time source of every rule that depends on "now" (SLAs, leave, quiet hours, caps, grade
 * dates), injected as CLOCK so tests can move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** Provides CLOCK to every module of the service. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
