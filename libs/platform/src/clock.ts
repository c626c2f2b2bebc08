import fs from 'node:fs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { BaseAppConfig, DEV_MODE_VARIABLE } from '@mentoring/config';

/**
 * The time source of every rule that depends on "now" (SLAs, leave, quiet hours, caps, grade
 * dates), injected as CLOCK so tests can move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/**
 * A development clock: the system time plus the offset in milliseconds written in `file` (a
 * whole number; a missing or empty file means no offset). Every process of a pipeline names the
 * same file, so moving it moves them all at once. The file is stat-ed on each reading and parsed
 * again only when it changed, so a move is seen by the very next reading.
 */
export function offsetFileClock(file: string, base: Clock = systemClock): Clock {
  let seen: { changed: bigint; size: bigint; ino: bigint } | undefined;
  let offsetMs = 0;
  return {
    now: () => {
      const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
      if (!stat) {
        [seen, offsetMs] = [undefined, 0];
      } else if (!seen || seen.changed !== stat.mtimeNs || seen.size !== stat.size || seen.ino !== stat.ino) {
        offsetMs = parseOffset(fs.readFileSync(file, 'utf8'), file);
        seen = { changed: stat.mtimeNs, size: stat.size, ino: stat.ino };
      }
      return new Date(base.now().getTime() + offsetMs);
    },
  };
}

/** The clock a process runs on: the system clock, or in development the offset file MENTORING_CLOCK_FILE names. */
export function clockFromConfig(config: Pick<BaseAppConfig, 'MENTORING_CLOCK_FILE' | 'MENTORING_DEV_MODE'>): Clock {
  if (config.MENTORING_CLOCK_FILE === undefined) return systemClock;
  // The configuration refuses this already; a hand-built config must not slip a moved clock into production either.
  if (config.MENTORING_DEV_MODE !== true) throw new Error(`MENTORING_CLOCK_FILE is a development setting: it is accepted only when ${DEV_MODE_VARIABLE}=true`);
  return offsetFileClock(config.MENTORING_CLOCK_FILE);
}

function parseOffset(text: string, file: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^-?\d+$/.test(trimmed)) throw new Error(`the clock offset file ${file} must hold a whole number of milliseconds (got "${trimmed.slice(0, 40)}")`);
  return Number(trimmed);
}

/** Provides CLOCK to every module of the service. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
