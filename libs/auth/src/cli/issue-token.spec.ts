import { DEFAULT_AUTH_ISSUER, DEV_JWT_SECRET } from '@mentoring/config';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TokenVerifier } from '../token/token-verifier';

const repoRoot = path.resolve(__dirname, '../../../..');
const run = promisify(execFile);

function issueToken(...args: string[]) {
  // The development defaults are under test, so a developer's own AUTH_* settings must not leak in.
  const { AUTH_JWT_SECRET: _secret, AUTH_ISSUER: _issuer, ...env } = process.env;
  env['SWC_NODE_PROJECT'] = path.join(repoRoot, 'tsconfig.base.json');
  return run(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'issue-token.ts'), ...args], { cwd: repoRoot, env });
}

describe('issue-token CLI', () => {
  it('prints a development token the services accept', async () => {
    const { stdout } = await issueToken('--role', 'ops', '--subject', 'alice');

    const verifier = new TokenVerifier({ secret: DEV_JWT_SECRET, issuer: DEFAULT_AUTH_ISSUER });
    await expect(verifier.principalFrom(stdout.trim())).resolves.toMatchObject({ subject: 'alice', role: 'ops' });
  });

  it('explains its usage when the role is unknown', async () => {
    await expect(issueToken('--role', 'admin', '--subject', 'alice')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: issue-token --role <registrar-feed|mentor|coordinator|student|ops|service>'),
    });
  });
});
