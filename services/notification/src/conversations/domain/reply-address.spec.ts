import { replyAddressFor, verifyReplyAddress } from './reply-address';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const DOMAIN = 'mentoring.localhost';

describe('reply addresses', () => {
  const target = { caseId: 'case-42', personId: 'student-7' };
  const address = replyAddressFor(target, SECRET, DOMAIN);

  it('names the case and person it was signed for', () => {
    expect(verifyReplyAddress(address, SECRET, DOMAIN)).toEqual(target);
    expect(verifyReplyAddress(address.replace(DOMAIN, DOMAIN.toUpperCase()), SECRET, DOMAIN)).toEqual(target);
  });

  it('refuses an address signed with another secret, for another domain, or altered in any part', () => {
    expect(verifyReplyAddress(address, `${SECRET}-other`, DOMAIN)).toBeNull();
    expect(verifyReplyAddress(address.replace(DOMAIN, 'example.org'), SECRET, DOMAIN)).toBeNull();
    const [local] = address.split('@');
    const [, , signature] = local.split('.');
    const otherPerson = replyAddressFor({ ...target, personId: 'student-8' }, SECRET, DOMAIN).split('.')[1];
    expect(verifyReplyAddress(`${local.split('.')[0]}.${otherPerson}.${signature}@${DOMAIN}`, SECRET, DOMAIN)).toBeNull();
    expect(verifyReplyAddress(address.replace(signature, `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`), SECRET, DOMAIN)).toBeNull();
  });

  it('refuses a signature spelt another way through base64url spare bits', () => {
    const [local] = address.split('@');
    const signature = local.split('.')[2];
    const last = signature.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBits = alphabet[(alphabet.indexOf(last) & ~0b11) | ((alphabet.indexOf(last) + 1) & 0b11)];
    expect(verifyReplyAddress(address.replace(`.${signature}@`, `.${signature.slice(0, -1)}${sameBits}@`), SECRET, DOMAIN)).toBeNull();
  });

  it('refuses what is not a reply address at all', () => {
    for (const other of ['mentoring@mentoring.localhost', 'reply+@mentoring.localhost', 'reply+a.b@mentoring.localhost', 'reply+a.b.c.d@mentoring.localhost', 'no-at-sign']) {
      expect(verifyReplyAddress(other, SECRET, DOMAIN)).toBeNull();
    }
  });

  it('cannot be re-split into another case and person with the same signature', () => {
    const a = replyAddressFor({ caseId: 'ab', personId: 'c' }, SECRET, DOMAIN).split('.')[2];
    const b = replyAddressFor({ caseId: 'a', personId: 'bc' }, SECRET, DOMAIN).split('.')[2];
    expect(a).not.toBe(b);
  });
});
