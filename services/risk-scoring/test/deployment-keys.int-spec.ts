import { signToken } from '@mentoring/auth';
import { DEV_CONSOLE_SIGNING_KEY, DEV_JWT_SECRET } from '@mentoring/config';
import { createTestDatabase, integrationEnv, stopGracefully, tailLog, spawnTsProcess, TestDatabase, TestProcess, uniqueName, waitUntil } from '@mentoring/testing';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';

// A deployment as an operator would run it: no MENTORING_DEV_MODE (spawnTsProcess sets it unless told otherwise).
const NOT_DEVELOPMENT = { MENTORING_DEV_MODE: '' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('risk-scoring as deployed, outside development mode', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('risk_keys');
    env = {
      ...NOT_DEVELOPMENT,
      DATABASE_URL: database.url,
      KAFKA_BROKERS: integrationEnv().kafkaBrokers.join(','),
      KAFKA_TOPIC_NAMESPACE: uniqueName('risk_keys'),
      LOG_LEVEL: 'warn',
      // Set by a developer's shell or a parent `npm test`, these would hide what is under test.
      AUTH_JWT_SECRET: '',
      AUTH_CONSOLE_PUBLIC_KEY: '',
      AUTH_JWKS_URL: '',
      AUTH_CONSOLE_JWKS_URL: '',
    };
  });

  afterAll(() => database?.drop());

  it('refuses to start with the public development keys, naming each variable', async () => {
    const started = spawnTsProcess('services/risk-scoring/src/main.ts', { ...env, PORT: String(await freePort()) }, 'risk-scoring-dev-keys');

    expect(await started.exited).toBe(1);
    const log = tailLog(started);
    expect(log).toContain('AUTH_JWT_SECRET must be a key of your own: the public development key is accepted only when MENTORING_DEV_MODE=true (not set)');
    expect(log).toContain('AUTH_CONSOLE_PUBLIC_KEY must be a key of your own');
  });

  it('refuses the public development secret set explicitly', async () => {
    const started = spawnTsProcess('services/risk-scoring/src/main.ts', { ...env, PORT: String(await freePort()), AUTH_JWT_SECRET: DEV_JWT_SECRET }, 'risk-scoring-dev-keys');

    expect(await started.exited).toBe(1);
    expect(tailLog(started)).toContain('AUTH_JWT_SECRET must be a key of your own');
  });

  it('refuses a development clock file, naming the variable', async () => {
    const ownKeys = { AUTH_JWT_SECRET: randomBytes(32).toString('base64url'), AUTH_CONSOLE_PUBLIC_KEY: generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const started = spawnTsProcess('services/risk-scoring/src/main.ts', { ...env, ...ownKeys, PORT: String(await freePort()), MENTORING_CLOCK_FILE: '/tmp/clock-offset' }, 'risk-scoring-dev-clock');

    expect(await started.exited).toBe(1);
    expect(tailLog(started)).toContain('MENTORING_CLOCK_FILE is a development setting: it is accepted only when MENTORING_DEV_MODE=true');
  });

  describe('with keys of its own', () => {
    const secret = randomBytes(32).toString('base64url');
    const consoleKeys = generateKeyPairSync('ed25519');
    const consoleSigningKey = consoleKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    let running: TestProcess;
    let baseUrl: string;

    beforeAll(async () => {
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      running = spawnTsProcess(
        'services/risk-scoring/src/main.ts',
        { ...env, PORT: String(port), AUTH_JWT_SECRET: secret, AUTH_CONSOLE_PUBLIC_KEY: consoleKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
        'risk-scoring-own-keys',
      );
      const state = await waitUntil('risk-scoring is ready', async () => {
        if (running.child.exitCode !== null) return 'exited';
        return (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.ok && 'ready';
      });
      if (state === 'exited') throw new Error(`risk-scoring exited:\n${tailLog(running)}`);
    });

    afterAll(() => (running ? stopGracefully(running) : undefined));

    const deadLetters = async (token: string) => (await fetch(`${baseUrl}/v1/ops/dead-letters`, { headers: { authorization: `Bearer ${token}` } })).status;

    it('serves ops with a token signed by its own secret, for it', async () => {
      expect(await deadLetters(await signToken({ role: 'ops', subject: 'ops-1', audience: 'risk-scoring', key: secret }))).toBe(200);
    });

    it('refuses an ops token signed with the public development key', async () => {
      expect(await deadLetters(await signToken({ role: 'ops', subject: 'mallory', audience: 'risk-scoring', key: DEV_JWT_SECRET }))).toBe(401);
    });

    it('refuses an ops token for another service', async () => {
      expect(await deadLetters(await signToken({ role: 'ops', subject: 'ops-1', audience: 'grade-ingest', key: secret }))).toBe(401);
    });

    it("accepts the console's operator but refuses a person token signed with the public development console key", async () => {
      expect(await deadLetters(await signToken({ role: 'operator', subject: 'ops-1', audience: 'risk-scoring', key: consoleSigningKey }))).toBe(200);
      expect(await deadLetters(await signToken({ role: 'operator', subject: 'mallory', audience: 'risk-scoring', key: DEV_CONSOLE_SIGNING_KEY }))).toBe(401);
    });
  });
});
