import { ConfigError, loadConfig } from '@mentoring/config';
import { ConsoleConfig } from './console.config';

// The development keys are accepted only in development mode; these tests are about other variables.
const DEVELOPMENT = { MENTORING_DEV_MODE: 'true' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(ConsoleConfig, { ...DEVELOPMENT, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}

describe('ConsoleConfig sign-in settings', () => {
  it('defaults to bounded hashing and per-client, per-account limits', () => {
    const config = loadConfig(ConsoleConfig, DEVELOPMENT);

    expect(config).toMatchObject({
      SIGN_IN_MAX_FAILURES: 5,
      SIGN_IN_LOCK_MINUTES: 15,
      SIGN_IN_ACCOUNT_MAX_FAILURES: 20,
      SIGN_IN_ACCOUNT_WINDOW_MINUTES: 60,
      SIGN_IN_CLIENT_MAX_ATTEMPTS: 30,
      SIGN_IN_CLIENT_WINDOW_MINUTES: 5,
      SIGN_IN_HASH_CONCURRENCY: 2,
      SIGN_IN_HASH_QUEUE: 8,
    });
  });

  it('reads the limits from the environment', () => {
    const config = loadConfig(ConsoleConfig, { ...DEVELOPMENT, SIGN_IN_CLIENT_MAX_ATTEMPTS: '100', SIGN_IN_HASH_CONCURRENCY: '4', SIGN_IN_HASH_QUEUE: '0' });

    expect([config.SIGN_IN_CLIENT_MAX_ATTEMPTS, config.SIGN_IN_HASH_CONCURRENCY, config.SIGN_IN_HASH_QUEUE]).toEqual([100, 4, 0]);
  });

  it('stops start-up naming each variable that cannot work', () => {
    expect(
      problemsOf({
        SIGN_IN_HASH_CONCURRENCY: '0',
        SIGN_IN_HASH_QUEUE: '-1',
        SIGN_IN_CLIENT_MAX_ATTEMPTS: 'many',
        SIGN_IN_CLIENT_WINDOW_MINUTES: '0',
        SIGN_IN_ACCOUNT_MAX_FAILURES: '0',
        SIGN_IN_ACCOUNT_WINDOW_MINUTES: '1.5',
      }).sort(),
    ).toEqual(
      ['SIGN_IN_ACCOUNT_MAX_FAILURES', 'SIGN_IN_ACCOUNT_WINDOW_MINUTES', 'SIGN_IN_CLIENT_MAX_ATTEMPTS', 'SIGN_IN_CLIENT_WINDOW_MINUTES', 'SIGN_IN_HASH_CONCURRENCY', 'SIGN_IN_HASH_QUEUE'].sort(),
    );
  });
});
