import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Injectable, Inject, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, CLOCK, clockFromConfig, ClockModule, offsetFileClock, systemClock } from './clock';

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

describe('offsetFileClock', () => {
  const base: Clock = { now: () => new Date('2026-03-01T09:00:00Z') };
  let directory: string;
  let file: string;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-'));
    file = path.join(directory, 'offset');
  });

  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('adds the offset the file holds, in milliseconds', () => {
    fs.writeFileSync(file, String(26 * 3_600_000));

    expect(offsetFileClock(file, base).now().toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });

  it('sees a new offset at the next reading, however soon the file changed', () => {
    fs.writeFileSync(file, '0');
    const clock = offsetFileClock(file, base);
    expect(clock.now().toISOString()).toBe('2026-03-01T09:00:00.000Z');

    fs.writeFileSync(file, '60000');
    expect(clock.now().toISOString()).toBe('2026-03-01T09:01:00.000Z');

    fs.writeFileSync(file, '-3600000\n');
    expect(clock.now().toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('runs on the base time while the file is missing or empty', () => {
    const clock = offsetFileClock(file, base);
    expect(clock.now().toISOString()).toBe('2026-03-01T09:00:00.000Z');

    fs.writeFileSync(file, '');
    expect(clock.now().toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('reads the file again only when it changed', () => {
    fs.writeFileSync(file, '1000');
    const clock = offsetFileClock(file, base);
    const read = jest.spyOn(fs, 'readFileSync');
    try {
      clock.now();
      clock.now();
      clock.now();
      expect(read.mock.calls.filter(([name]) => name === file)).toHaveLength(1);
    } finally {
      read.mockRestore();
    }
  });

  it('refuses an offset that is not a whole number, naming the file', () => {
    fs.writeFileSync(file, 'tomorrow');

    expect(() => offsetFileClock(file, base).now()).toThrow(`the clock offset file ${file} must hold a whole number of milliseconds (got "tomorrow")`);
  });
});

describe('clockFromConfig', () => {
  it('is the system clock unless a clock file is named', () => {
    expect(clockFromConfig({ MENTORING_DEV_MODE: true })).toBe(systemClock);
  });

  it('refuses a clock file outside development mode, naming the variable', () => {
    expect(() => clockFromConfig({ MENTORING_DEV_MODE: false, MENTORING_CLOCK_FILE: '/tmp/offset' })).toThrow(
      'MENTORING_CLOCK_FILE is a development setting: it is accepted only when MENTORING_DEV_MODE=true',
    );
  });

  it('moves with the clock file in development mode', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-'));
    try {
      const file = path.join(directory, 'offset');
      fs.writeFileSync(file, String(7 * 24 * 3_600_000));
      const shifted = clockFromConfig({ MENTORING_DEV_MODE: true, MENTORING_CLOCK_FILE: file }).now().getTime();

      expect(Math.round((shifted - Date.now()) / 3_600_000)).toBe(7 * 24);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
