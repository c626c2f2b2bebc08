import { ConsoleConfig } from '../config/console.config';
import { HashingQueue } from './domain/hashing-queue';
import { SignInLimitSettings } from './infrastructure/sign-in-limits.store';

export function signInLimitSettings(config: ConsoleConfig): SignInLimitSettings {
  return {
    maxFailures: config.SIGN_IN_MAX_FAILURES,
    lockMinutes: config.SIGN_IN_LOCK_MINUTES,
    accountMaxFailures: config.SIGN_IN_ACCOUNT_MAX_FAILURES,
    accountWindowMinutes: config.SIGN_IN_ACCOUNT_WINDOW_MINUTES,
    clientMaxAttempts: config.SIGN_IN_CLIENT_MAX_ATTEMPTS,
    clientWindowMinutes: config.SIGN_IN_CLIENT_WINDOW_MINUTES,
  };
}

/** One queue per process: the bound is on this process's memory and cores. */
export function hashingQueueFor(config: ConsoleConfig): HashingQueue {
  return new HashingQueue({ concurrency: config.SIGN_IN_HASH_CONCURRENCY, maxWaiting: config.SIGN_IN_HASH_QUEUE });
}
