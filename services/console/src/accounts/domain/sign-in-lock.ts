/** A lock still in force, in the whole minutes a person is told to wait. */
export interface ActiveLock {
  minutesLeft: number;
}

const MINUTE_MS = 60_000;

/**
 * The lock in force at `now`, or undefined when the account may sign in. Minutes round up, so a
 * person told "1 minute" never finds the account still locked when they come back.
 */
export function activeLock(lockedUntil: Date | null, now: Date): ActiveLock | undefined {
  if (!lockedUntil || lockedUntil <= now) return undefined;
  return { minutesLeft: Math.ceil((lockedUntil.getTime() - now.getTime()) / MINUTE_MS) };
}
