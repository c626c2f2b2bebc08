/** Every role a token may carry. */
export const ROLES = ['registrar-feed', 'mentor', 'coordinator', 'student', 'ops', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Narrows an untrusted claim to a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
