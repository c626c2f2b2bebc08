import { ConfigError, DEV_CONSOLE_SIGNING_KEY, DEV_JWT_SECRET, loadConfig } from '@mentoring/config';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConsoleConfig } from './console.config';

const ownSigningKey = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();

function problemsOf(env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    loadConfig(ConsoleConfig, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((problem) => [problem.variable, problem.problem]));
  }
  return {};
}

describe("ConsoleConfig: the console's signing key", () => {
  it('refuses a setup with only AUTH_JWT_SECRET outside development mode, naming CONSOLE_SIGNING_KEY', () => {
    const problems = problemsOf({ AUTH_JWT_SECRET: randomBytes(32).toString('base64url') });

    expect(problems).toEqual({
      CONSOLE_SIGNING_KEY: 'must be a key of your own: the public development key is accepted only when MENTORING_DEV_MODE=true (not set)',
    });
  });

  it('refuses the published development signing key outside development mode', () => {
    expect(problemsOf({ CONSOLE_SIGNING_KEY: DEV_CONSOLE_SIGNING_KEY })).toHaveProperty('CONSOLE_SIGNING_KEY');
  });

  it('holds no AUTH_JWT_SECRET, so it cannot sign machine roles', () => {
    const config = loadConfig(ConsoleConfig, { CONSOLE_SIGNING_KEY: ownSigningKey(), AUTH_JWT_SECRET: DEV_JWT_SECRET });

    expect(config).not.toHaveProperty('AUTH_JWT_SECRET');
  });

  it('starts with a key of its own, also written on one line with \\n', () => {
    const key = ownSigningKey();

    expect(loadConfig(ConsoleConfig, { CONSOLE_SIGNING_KEY: key }).CONSOLE_SIGNING_KEY).toBe(key);
    expect(loadConfig(ConsoleConfig, { CONSOLE_SIGNING_KEY: key.replace(/\n/g, '\\n') }).CONSOLE_SIGNING_KEY).toBe(key);
  });

  it('refuses a key that is not an Ed25519 private key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicHalf = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

    expect(problemsOf({ CONSOLE_SIGNING_KEY: rsa })['CONSOLE_SIGNING_KEY']).toMatch(/^must be an Ed25519 private key in PEM/);
    expect(problemsOf({ CONSOLE_SIGNING_KEY: publicHalf })['CONSOLE_SIGNING_KEY']).toMatch(/^must be an Ed25519 private key in PEM/);
  });

  it('falls back to the development key in development mode', () => {
    expect(loadConfig(ConsoleConfig, { MENTORING_DEV_MODE: 'true' }).CONSOLE_SIGNING_KEY).toBe(DEV_CONSOLE_SIGNING_KEY);
  });
});
