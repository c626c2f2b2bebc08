import { scryptSync } from 'node:crypto';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password-hash';

// scrypt is deliberately CPU-heavy (~100 ms a hash alone); on a busy 2-core machine a handful of
// hashes can outlast Jest's 5 s default, which says nothing about correctness.
jest.setTimeout(60_000);

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('correct horse battery');

    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    expect(await hashPassword('same password here')).not.toEqual(await hashPassword('same password here'));
  });

  it('never stores the password itself', async () => {
    expect(await hashPassword('visible-secret-123')).not.toContain('visible-secret-123');
  });

  it('treats an unreadable stored hash as a wrong password', async () => {
    await expect(verifyPassword('anything at all', 'md5$abc')).resolves.toBe(false);
    await expect(verifyPassword('anything at all', 'scrypt$x$8$1$c2FsdA$a2V5')).resolves.toBe(false);
  });

  it('still verifies hashes made under the former 128 MiB parameters, and marks them for replacement', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('an older password', salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 17 * 8 });
    const former = ['scrypt', 2 ** 17, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');

    await expect(verifyPassword('an older password', former)).resolves.toBe(true);
    expect(needsRehash(former)).toBe(true);
    expect(needsRehash(await hashPassword('an older password'))).toBe(false);
    expect(needsRehash('md5$abc')).toBe(true);
  });

  it('uses at most 32 MiB per hash', async () => {
    const [, n, r] = (await hashPassword('memory bound password')).split('$').map(Number);
    expect(128 * n * r).toBeLessThanOrEqual(32 * 2 ** 20);
  });

  it('refuses short passwords with the reason', () => {
    expect(passwordProblem('short')).toBe('must be at least 10 characters');
    expect(passwordProblem('long enough password')).toBeUndefined();
  });
});
