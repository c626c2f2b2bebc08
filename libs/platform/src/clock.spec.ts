import { Injectable, Inject, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, CLOCK, ClockModule, systemClock } from './clock';

@Injectable()
class UsesTime {
  constructor(@Inject(CLOCK) readonly clock: Clock) {}
}

@Module({ providers: [UsesTime] })
class FeatureModule {}

async function clockSeenByAFeature(clock?: Clock): Promise<Clock> {
  const moduleRef = await Test.createTestingModule({ imports: [ClockModule.forRoot(clock), FeatureModule] }).compile();
  return moduleRef.get(UsesTime).clock;
}

describe('ClockModule', () => {
  it('gives every feature the clock a test passes, so time moves only when the test moves it', async () => {
    const fixed: Clock = { now: () => new Date('2026-03-01T09:00:00Z') };
    expect((await clockSeenByAFeature(fixed)).now().toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('defaults to the system clock', async () => {
    expect(await clockSeenByAFeature()).toBe(systemClock);
  });
});
