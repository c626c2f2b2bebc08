import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LinkClaims } from '../../outreach/domain';

/** What a valid link says: the action, whom it acts for, until when, its own id and the recipient's link generation it was signed in. */
export type VerifiedLink = LinkClaims & {
  expiresAt: string;
  /** Unique per link: what a one-time action records as used. */
  tokenId: string;
  /** The recipient's link generation when it was signed; revoking their links moves the generation on. */
  generation: number;
};

export type LinkVerification = { valid: true; link: VerifiedLink } | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/** What a signature covers besides the claims. */
export interface LinkTokenTerms {
  expiresAt: Date;
  generation: number;
  /** Random when absent (tests fix it). */
  tokenId?: string;
}

interface SignedPayload {
  claims: LinkClaims;
  /** Seconds since the epoch. */
  exp: number;
  jti: string;
  gen: number;
}

function signatureOf(encodedPayload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(encodedPayload).digest();
}

/** 128 random bits, base64url: unguessable, and short enough for a link. */
export function newLinkTokenId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * `<base64url payload>.<base64url HMAC-SHA256>`: short enough for a link, and the signature covers
 * the action, the expiry, the token's id and the generation, so a "pick this slot" link can never
 * be turned into "ask for another mentor", outlive its expiry or survive a revocation.
 */
export function signLinkToken(claims: LinkClaims, secret: string, terms: LinkTokenTerms): string {
  const payload: SignedPayload = { claims, exp: Math.floor(terms.expiresAt.getTime() / 1000), jti: terms.tokenId ?? newLinkTokenId(), gen: terms.generation };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${signatureOf(encoded, secret).toString('base64url')}`;
}

function decodePayload(encoded: string): Partial<SignedPayload> | undefined {
  try {
    const payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<SignedPayload>;
    return typeof payload === 'object' && payload !== null && typeof payload.exp === 'number' && typeof payload.claims?.action === 'string' ? payload : undefined;
  } catch {
    return undefined;
  }
}

function isComplete(payload: Partial<SignedPayload>): payload is SignedPayload {
  return typeof payload.jti === 'string' && payload.jti.length > 0 && Number.isInteger(payload.gen) && typeof payload.claims?.recipientId === 'string';
}

/** Checks the signature in constant time, then the expiry. Whether the generation is still current is the caller's question. */
export function verifyLinkToken(token: string, secret: string, now: Date): LinkVerification {
  const [encoded, signature, ...rest] = token.split('.');
  if (!encoded || !signature || rest.length > 0) return { valid: false, reason: 'malformed' };
  const expected = signatureOf(encoded, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'bad-signature' };
  const payload = decodePayload(encoded);
  if (!payload) return { valid: false, reason: 'malformed' };
  if ((payload.exp as number) * 1000 <= now.getTime()) return { valid: false, reason: 'expired' };
  // Links signed before tokens had ids and generations cannot be single-use or revoked: refused.
  if (!isComplete(payload)) return { valid: false, reason: 'malformed' };
  return {
    valid: true,
    link: { ...payload.claims, expiresAt: new Date(payload.exp * 1000).toISOString(), tokenId: payload.jti, generation: payload.gen },
  };
}

/** A link signed in an earlier generation than the recipient's current one was revoked. */
export function isRevoked(link: Pick<VerifiedLink, 'generation'>, currentGeneration: number): boolean {
  return link.generation !== currentGeneration;
}
