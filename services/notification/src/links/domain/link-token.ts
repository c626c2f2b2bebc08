import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkClaims } from '../../outreach/domain';

/** What a valid link says: the action, whom it acts for, and until when it may be used. */
export type VerifiedLink = LinkClaims & { expiresAt: string };

export type LinkVerification = { valid: true; link: VerifiedLink } | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' };

interface SignedPayload {
  claims: LinkClaims;
  /** Seconds since the epoch. */
  exp: number;
}

function signatureOf(encodedPayload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(encodedPayload).digest();
}

/**
 * `<base64url payload>.<base64url HMAC-SHA256>`: short enough for a link, and the signature covers
 * the action, so a "pick this slot" link can never be replayed as "decline the case".
 */
export function signLinkToken(claims: LinkClaims, secret: string, expiresAt: Date): string {
  const payload: SignedPayload = { claims, exp: Math.floor(expiresAt.getTime() / 1000) };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${signatureOf(encoded, secret).toString('base64url')}`;
}

function decodePayload(encoded: string): SignedPayload | undefined {
  try {
    const payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<SignedPayload>;
    return typeof payload.exp === 'number' && typeof payload.claims?.action === 'string' ? (payload as SignedPayload) : undefined;
  } catch {
    return undefined;
  }
}

/** Checks the signature in constant time, then the expiry. */
export function verifyLinkToken(token: string, secret: string, now: Date): LinkVerification {
  const [encoded, signature, ...rest] = token.split('.');
  if (!encoded || !signature || rest.length > 0) return { valid: false, reason: 'malformed' };
  const expected = signatureOf(encoded, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'bad-signature' };
  const payload = decodePayload(encoded);
  if (!payload) return { valid: false, reason: 'malformed' };
  if (payload.exp * 1000 <= now.getTime()) return { valid: false, reason: 'expired' };
  return { valid: true, link: { ...payload.claims, expiresAt: new Date(payload.exp * 1000).toISOString() } };
}
