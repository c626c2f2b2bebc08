import { Injectable } from '@nestjs/common';
import { ServiceApi, ServiceCallError } from '../service-api/service-api';
import { parseReply, ReplyMismatchError, VerifiedLinkReply } from '@mentoring/contracts';

/**
 * Why a link cannot be used: `invalid` (altered, cut short, not ours), `no-longer-works` (expired,
 * or switched off by the student or their coordinator), `not-for-this` (a genuine link used for
 * another action than it was sent for) or `used` (its one-time action is done).
 */
export type UnusableLinkReason = 'invalid' | 'no-longer-works' | 'not-for-this' | 'used';

const MESSAGES: Record<UnusableLinkReason, string> = {
  invalid: 'This link is not valid',
  'no-longer-works': 'This link no longer works',
  'not-for-this': 'This link is for something else',
  used: 'This link has already been used',
};

export class UnusableLinkError extends Error {
  constructor(readonly reason: UnusableLinkReason) {
    super(MESSAGES[reason]);
    this.name = 'UnusableLinkError';
  }
}

// Real tokens are a few hundred characters; anything far longer is not worth sending on.
const MAX_TOKEN_LENGTH = 4096;

/**
 * Asks notification, which signed the link, whether a token is genuine and what it stands for.
 * Called on every page and every form post: the token is the student's only credential.
 */
@Injectable()
export class LinkVerifier {
  constructor(private readonly api: ServiceApi) {}

  async verify(token: unknown): Promise<VerifiedLinkReply> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new UnusableLinkError('invalid');
    const { status, text } = await this.api.fetchPublic('notification', `/v1/links/verify?token=${encodeURIComponent(token)}`);
    if (status === 200) return verifiedLinkOf(text);
    // Expired and revoked look the same to the student: the link no longer works, and here is how to get a new one.
    if (status === 410) throw new UnusableLinkError('no-longer-works');
    if (status === 400) throw new UnusableLinkError('invalid');
    throw new ServiceCallError('notification', status >= 500 ? status : 502, 'The link could not be checked right now');
  }
}

/** notification's answer for a genuine link, checked against its reply class like every other reply. */
function verifiedLinkOf(text: string): VerifiedLinkReply {
  try {
    return parseReply(VerifiedLinkReply, JSON.parse(text), 'notification GET /v1/links/verify');
  } catch (error) {
    const problem = error instanceof ReplyMismatchError ? error.message : 'notification answered the link check with something other than JSON';
    throw new ServiceCallError('notification', 502, problem, error instanceof ReplyMismatchError ? error.problems : []);
  }
}
