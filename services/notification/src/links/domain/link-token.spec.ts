import { signLinkToken, verifyLinkToken } from './link-token';

const secret = 'a-test-secret-that-is-long-enough-for-hmac';
const now = new Date('2026-10-13T10:00:00Z');
const expiresAt = new Date('2026-11-12T10:00:00Z');
const claims = { action: 'pick-slot' as const, recipientId: 'S-1001', caseId: 'case-1', slotStart: '2026-10-14T06:00:00Z' };

describe('link tokens', () => {
  it('round-trips the claims until they expire', () => {
    const token = signLinkToken(claims, secret, expiresAt);
    expect(verifyLinkToken(token, secret, now)).toEqual({ valid: true, link: { ...claims, expiresAt: '2026-11-12T10:00:00.000Z' } });
    expect(verifyLinkToken(token, secret, expiresAt)).toEqual({ valid: false, reason: 'expired' });
  });

  it('rejects a token signed with another key or with altered claims', () => {
    const token = signLinkToken(claims, secret, expiresAt);
    expect(verifyLinkToken(token, `${secret}-rotated`, now)).toEqual({ valid: false, reason: 'bad-signature' });
    const [, signature] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ claims: { ...claims, action: 'decline-case' }, exp: 1_900_000_000 })).toString('base64url');
    expect(verifyLinkToken(`${altered}.${signature}`, secret, now)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('rejects what is not a token at all', () => {
    for (const token of ['', 'abc', 'a.b.c', '.sig']) expect(verifyLinkToken(token, secret, now)).toEqual({ valid: false, reason: 'malformed' });
  });
});
