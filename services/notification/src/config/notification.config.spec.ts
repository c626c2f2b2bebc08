import { ConfigError, DEV_LINK_SECRET, DEV_REPLY_SECRET, loadConfig } from '@mentoring/config';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { NotificationConfig } from './notification.config';

// A developer's environment: the public development keys are accepted, so only notification's own variables are under test.
const DEV = { MENTORING_DEV_MODE: 'true' };

function problemsOf(env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    loadConfig(NotificationConfig, env);
    return {};
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((problem) => [problem.variable, problem.problem]));
  }
}

describe('NotificationConfig', () => {
  it('reads numeric settings from the environment, where every value is a string', () => {
    const config = loadConfig(NotificationConfig, { ...DEV, SMTP_TIMEOUT_MS: '2000', DELIVERY_POLL_MS: '50', DEFAULT_MAX_EMAILS_PER_24H: '0' });
    expect(config).toMatchObject({ SMTP_TIMEOUT_MS: 2000, DELIVERY_POLL_MS: 50, DEFAULT_MAX_EMAILS_PER_24H: 0 });
  });

  it('refuses the public link key outside development mode, unset or set explicitly', () => {
    const ownKeys = {
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      AUTH_CONSOLE_PUBLIC_KEY: generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };

    expect(problemsOf(ownKeys)['LINK_SECRET']).toMatch(/^must be a key of your own: .*MENTORING_DEV_MODE=true \(not set\)$/);
    expect(problemsOf({ ...ownKeys, LINK_SECRET: DEV_LINK_SECRET })).toHaveProperty('LINK_SECRET');
    expect(problemsOf({ ...ownKeys, LINK_SECRET: randomBytes(32).toString('base64url'), REPLY_SECRET: randomBytes(32).toString('base64url') })).toEqual({});
  });

  it('refuses the public reply-address key outside development mode, unset or set explicitly', () => {
    const ownKeys = {
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      AUTH_CONSOLE_PUBLIC_KEY: generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      LINK_SECRET: randomBytes(32).toString('base64url'),
    };

    expect(problemsOf(ownKeys)['REPLY_SECRET']).toMatch(/^must be a key of your own: .*MENTORING_DEV_MODE=true \(not set\)$/);
    expect(problemsOf({ ...ownKeys, REPLY_SECRET: DEV_REPLY_SECRET })).toHaveProperty('REPLY_SECRET');
    expect(problemsOf({ ...ownKeys, REPLY_SECRET: randomBytes(32).toString('base64url') })).toEqual({});
    expect(problemsOf({ ...DEV, INBOUND_SMTP_PORT: '70000' })).toHaveProperty('INBOUND_SMTP_PORT');
  });
});
