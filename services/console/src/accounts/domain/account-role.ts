/** The people who sign in to the console; students reach their pages through signed links instead. */
export const ACCOUNT_ROLES = ['mentor', 'coordinator', 'ops'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export function isAccountRole(value: unknown): value is AccountRole {
  return typeof value === 'string' && (ACCOUNT_ROLES as readonly string[]).includes(value);
}
