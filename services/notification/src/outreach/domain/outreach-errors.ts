/**
 * An event or request that outreach cannot act on as it stands (a missing field, no template).
 * Retrying cannot fix it: the consumer dead-letters it with `code` as the reason, and nothing is
 * silently dropped.
 */
export class OutreachError extends Error {
  constructor(
    readonly code: 'incomplete-case-event' | 'no-coordinator' | 'unknown-template' | 'invalid-preferences',
    message: string,
  ) {
    super(message);
    this.name = 'OutreachError';
  }
}
