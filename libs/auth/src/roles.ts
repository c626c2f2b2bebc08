/**
 * Roles of people, in tokens only the console signs (issuer `mentoring-console`, its own Ed25519
 * key). `operator` is an ops engineer signed in to the console: it may act on dead letters, not
 * read what the machine role `ops` can.
 */
export const PERSON_ROLES = ['mentor', 'coordinator', 'student', 'operator'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Roles of programs (the ops CLI, other services, registrar feeds), in HS256 tokens of AUTH_ISSUER. */
export const MACHINE_ROLES = ['registrar-feed', 'ops', 'service'] as const;
export type MachineRole = (typeof MACHINE_ROLES)[number];

/** Every role a token may carry. */
export const ROLES = ['registrar-feed', 'mentor', 'coordinator', 'student', 'ops', 'service', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Narrows an untrusted claim to a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True for the roles only the console may sign. */
export function isPersonRole(role: Role): role is PersonRole {
  return (PERSON_ROLES as readonly string[]).includes(role);
}

/** True for the roles only AUTH_JWT_SECRET (or AUTH_JWKS_URL's keys) may sign. */
export function isMachineRole(role: Role): role is MachineRole {
  return (MACHINE_ROLES as readonly string[]).includes(role);
}
