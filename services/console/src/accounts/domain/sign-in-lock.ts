/** How long a refused client must wait: whole minutes to tell a person, seconds for `Retry-After`. */
export interface SignInWait {
  minutesLeft: number;
  retryAfterSeconds: number;
}

const MINUTE_MS = 60_000;

/**
 * The wait before a limit opens again, or undefined when it is open. Both figures round up, so a
 * person told "1 minute" never finds the door still shut when they come back.
 */
export function waitOf(msBeforeNext: number): SignInWait | undefined {
  if (!(msBeforeNext > 0)) return undefined;
  return { minutesLeft: Math.ceil(msBeforeNext / MINUTE_MS), retryAfterSeconds: Math.ceil(msBeforeNext / 1000) };
}
