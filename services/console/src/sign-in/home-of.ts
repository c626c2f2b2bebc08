import type { AccountRole } from '../accounts/domain/account-role';

const HOMES: Record<AccountRole, string> = { mentor: '/mentor', coordinator: '/coordinator', ops: '/ops' };

/** Where each role lands after signing in. */
export function homeOf(role: AccountRole): string {
  return HOMES[role];
}

/**
 * A `next` target only when it is a path on this site: "//evil.example" and "https://..." would
 * turn the sign-in page into an open redirect.
 */
export function safeNextPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  return next;
}
