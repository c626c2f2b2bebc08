import { hashPassword, passwordProblem, verifyPassword } from './password-hash';

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

  it('refuses short passwords with the reason', () => {
    expect(passwordProblem('short')).toBe('must be at least 10 characters');
    expect(passwordProblem('long enough password')).toBeUndefined();
  });
});
