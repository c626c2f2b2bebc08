import { DEFAULT_AUTH_ISSUER, DEV_CONSOLE_PUBLIC_KEY, DEV_JWT_SECRET } from '@mentoring/config';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TokenVerifier } from '../token/token-verifier';

const repoRoot = path.resolve(__dirname, '../../../..');
const run = promisify(execFile);

function issueToken(extraEnv: NodeJS.ProcessEnv, ...args: string[]) {
  // The development defaults are under test, so a developer's own settings must not leak in.
  const { AUTH_JWT_SECRET: _secret, AUTH_ISSUER: _issuer, CONSOLE_SIGNING_KEY: _key, MENTORING_DEV_MODE: _mode, ...env } = process.env;
  env['SWC_NODE_PROJECT'] = path.join(repoRoot, 'tsconfig.base.json');
  return run(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'issue-token.ts'), ...args], { cwd: repoRoot, env: { ...env, ...extraEnv } });
}

// Each case starts Node with SWC, which takes seconds on a busy machine.
jest.setTimeout(60_000);

const verifier = new TokenVerifier({
  audience: 'grade-ingest',
  maxLifetimeSeconds: 3600,
  machine: { secret: DEV_JWT_SECRET, issuer: DEFAULT_AUTH_ISSUER },
  console: { publicKey: DEV_CONSOLE_PUBLIC_KEY },
});

describe('issue-token CLI', () => {
  it('prints a development token for one service in development mode', async () => {
    const { stdout } = await issueToken({ MENTORING_DEV_MODE: 'true' }, '--role', 'ops', '--subject', 'alice', '--audience', 'grade-ingest');

    await expect(verifier.principalFrom(stdout.trim())).resolves.toMatchObject({ subject: 'alice', role: 'ops' });
  });

  it('signs person roles as the console does, with their programmes', async () => {
    const { stdout } = await issueToken({ MENTORING_DEV_MODE: 'true' }, '--role', 'coordinator', '--subject', 'c-1', '--audience', 'grade-ingest', '--programmes', 'MBBS,MD');

    await expect(verifier.principalFrom(stdout.trim())).resolves.toMatchObject({ role: 'coordinator', programmes: ['MBBS', 'MD'] });
  });

  it('refuses to use the public development key outside development mode, naming the variable', async () => {
    await expect(issueToken({}, '--role', 'ops', '--subject', 'alice', '--audience', 'grade-ingest')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('AUTH_JWT_SECRET is not set'),
    });
  });

  it('explains its usage when the role is unknown or the audience missing', async () => {
    const usage = 'usage: issue-token --role <registrar-feed|mentor|coordinator|student|ops|service|operator> --subject <id> --audience <service>';
    await expect(issueToken({}, '--role', 'admin', '--subject', 'alice', '--audience', 'grade-ingest')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining(usage) });
    await expect(issueToken({}, '--role', 'ops', '--subject', 'alice')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining(usage) });
  });
});
