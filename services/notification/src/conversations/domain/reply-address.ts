import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whose reply an address takes: one person, in one case's thread. */
export interface ReplyTarget {
  caseId: string;
  personId: string;
}

const PREFIX = 'reply+';
// 128 bits of HMAC-SHA256: unguessable, and short enough to keep the local part readable.
const SIGNATURE_BYTES = 16;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

function signatureOf(target: ReplyTarget, secret: string): Buffer {
  // Length-prefixed, so no (case, person) pair can be re-split into another with the same signature.
  const signed = `${target.caseId.length}:${target.caseId}|${target.personId}`;
  return createHmac('sha256', secret).update(signed).digest().subarray(0, SIGNATURE_BYTES);
}

const encode = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

/**
 * `reply+<case>.<person>.<signature>@<domain>`, ids in base64url: replying to a thread email
 * reaches that thread as that person, and no one can make up an address for another case or
 * person without the secret.
 */
export function replyAddressFor(target: ReplyTarget, secret: string, domain: string): string {
  return `${PREFIX}${encode(target.caseId)}.${encode(target.personId)}.${signatureOf(target, secret).toString('base64url')}@${domain}`;
}

/** The case and person an address was signed for, or null for anything not signed by us for this domain. */
export function verifyReplyAddress(address: string, secret: string, domain: string): ReplyTarget | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return null;
  const local = address.slice(0, at);
  if (!local.startsWith(PREFIX)) return null;
  const parts = local.slice(PREFIX.length).split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return null;
  const [caseId, personId] = parts.slice(0, 2).map((part) => Buffer.from(part, 'base64url').toString('utf8'));
  if (!caseId || !personId || encode(caseId) !== parts[0] || encode(personId) !== parts[1]) return null;
  const given = Buffer.from(parts[2], 'base64url');
  const expected = signatureOf({ caseId, personId }, secret);
  // Canonical encoding only: base64url's spare bits would otherwise give each signature several spellings.
  if (given.toString('base64url') !== parts[2]) return null;
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { caseId, personId };
}
