/** Every action a link in a message can trigger; the token names it, so a link cannot be repurposed. */
export type LinkAction =
  | 'pick-slot'
  | 'more-times'
  | 'reschedule'
  | 'change-mentor'
  | 'accept-case'
  | 'decline-case'
  | 'open-case'
  | 'escalations'
  | 'inbox'
  | 'messages'
  | 'preferences';

/** Whom the link acts for and on what; the recipient is always bound into the token. */
export interface LinkParams {
  recipientId: string;
  caseId?: string;
  slotStart?: string;
}

export type LinkFor = (action: LinkAction, params: LinkParams) => string;

export type LinkClaims = LinkParams & { action: LinkAction };

export interface LinkBuilderOptions {
  baseUrl: string;
  /** Signs the claims into an opaque token (expiry, key rotation: the signer's business). */
  signToken: (claims: LinkClaims) => string;
}

/** Builds `<baseUrl>/v1/links/<action>?token=<signed claims>`; the action in the path is for humans and logs. */
export function createLinkBuilder({ baseUrl, signToken }: LinkBuilderOptions): LinkFor {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return (action, params) => {
    const url = new URL(`v1/links/${action}`, base);
    url.searchParams.set('token', signToken({ action, ...params }));
    return url.toString();
  };
}
