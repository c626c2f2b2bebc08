import { createHmac } from 'node:crypto';
import { isRevoked, newLinkTokenId, signLinkToken, verifyLinkToken } from './link-token';

const secret = 'a-test-secret-that-is-long-enough-for-hmac';
const now = new Date('2026-10-13T10:00:00Z');
const expiresAt = new Date('2026-10-20T10:00:00Z');
const claims = { action: 'pick-slot' as const, recipientId: 'S-1001', caseId: 'case-1', slotStart: '2026-10-14T06:00:00Z' };
const terms = { expiresAt, generation: 2, tokenId: 'tok-1' };

function encode(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

describe('link tokens', () => {
  it('round-trips the claims, the id and the generation until they expire', () => {
    const token = signLinkToken(claims, secret, terms);
    expect(verifyLinkToken(token, secret, now)).toEqual({
      valid: true,
      link: { ...claims, expiresAt: '2026-10-20T10:00:00.000Z', tokenId: 'tok-1', generation: 2 },
    });
    expect(verifyLinkToken(token, secret, expiresAt)).toEqual({ valid: false, reason: 'expired' });
  });

  it('gives every link its own unguessable id', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newLinkTokenId()));
    expect(ids.size).toBe(100);
    const first = verifyLinkToken(signLinkToken(claims, secret, { expiresAt, generation: 0 }), secret, now);
    const second = verifyLinkToken(signLinkToken(claims, secret, { expiresAt, generation: 0 }), secret, now);
    if (!first.valid || !second.valid) throw new Error('expected valid links');
    expect(first.link.tokenId).not.toBe(second.link.tokenId);
    expect(first.link.tokenId).toMatch(/^[\w-]{22}$/);
  });

  it('binds the action: a link whose action, expiry, id or generation is altered is refused', () => {
    const token = signLinkToken(claims, secret, terms);
    const [payload, signature] = token.split('.');
    const original = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const alterations = [
      { ...original, claims: { ...claims, action: 'change-mentor' } },
      { ...original, claims: { ...claims, caseId: 'case-2' } },
      { ...original, exp: Math.floor(Date.parse('2030-01-01T00:00:00Z') / 1000) },
      { ...original, jti: 'tok-2' },
      { ...original, gen: 3 },
    ];
    for (const altered of alterations) expect(verifyLinkToken(`${encode(altered)}.${signature}`, secret, now)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('rejects a token signed with another key', () => {
    expect(verifyLinkToken(signLinkToken(claims, secret, terms), `${secret}-rotated`, now)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('refuses a genuinely signed token without an id or a generation (it could be neither used once nor revoked)', () => {
    const sign = (payload: unknown) => {
      const encoded = encode(payload);
      return `${encoded}.${createHmac('sha256', secret).update(encoded).digest('base64url')}`;
    };
    expect(verifyLinkToken(sign({ claims, exp: Math.floor(expiresAt.getTime() / 1000) }), secret, now)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyLinkToken(sign({ claims, exp: Math.floor(expiresAt.getTime() / 1000), jti: 'x' }), secret, now)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('rejects what is not a token at all', () => {
    for (const token of ['', 'abc', 'a.b.c', '.sig']) expect(verifyLinkToken(token, secret, now)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('counts a link from another generation than the current one as revoked', () => {
    expect(isRevoked({ generation: 2 }, 2)).toBe(false);
    expect(isRevoked({ generation: 1 }, 2)).toBe(true);
    expect(isRevoked({ generation: 3 }, 2)).toBe(true);
  });
});
