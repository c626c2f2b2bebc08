import { createPrivateKey, KeyObject } from 'node:crypto';
import { CONSOLE_ISSUER, DEFAULT_AUTH_ISSUER, DEV_CONSOLE_SIGNING_KEY, DEV_JWT_SECRET, DEV_MODE_VARIABLE, isDevelopmentMode, pemFromEnvironment } from '@mentoring/config';
import { SignJWT } from 'jose';
import { isPersonRole, Role } from '../roles';

/** What to put in a token. */
export interface SignTokenOptions {
  subject: string;
  role: Role;
  /** The service the token is for (its `aud`), e.g. `grade-ingest`. */
  audience: string;
  /** Programme codes a coordinator is responsible for. */
  programmes?: string[];
  ttlSeconds?: number;
  /**
   * The key of the role's issuer: AUTH_JWT_SECRET for machine roles (HS256), the console's PKCS#8
   * Ed25519 PEM for person roles (EdDSA). Omitted, the published development key for the role is
   * used, which only development mode (MENTORING_DEV_MODE=true) allows.
   */
  key?: string;
  /** The `iss` of machine tokens (AUTH_ISSUER); person tokens are always the console's. */
  issuer?: string;
}

const ONE_HOUR = 3600;
const privateKeys = new Map<string, KeyObject>();

/**
 * Signs a bearer token the way its issuer does: person roles as the console (EdDSA, issuer
 * `mentoring-console`), machine roles with the shared HS256 secret (issuer AUTH_ISSUER).
 */
export async function signToken(options: SignTokenOptions): Promise<string> {
  const ttlSeconds = options.ttlSeconds ?? ONE_HOUR;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`ttlSeconds must be a positive integer (got ${ttlSeconds})`);
  if (!options.audience) throw new Error('A token needs an audience: the service it is for');
  const person = isPersonRole(options.role);
  const key = options.key ?? developmentKeyFor(options.role);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const token = new SignJWT({ role: options.role, ...(options.programmes ? { programmes: options.programmes } : {}) })
    .setProtectedHeader({ alg: person ? 'EdDSA' : 'HS256', typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuer(person ? CONSOLE_ISSUER : (options.issuer ?? DEFAULT_AUTH_ISSUER))
    .setAudience(options.audience)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ttlSeconds);
  return token.sign(person ? privateKeyOf(key) : new TextEncoder().encode(key));
}

/** The published development key that signs `role`; refuses outside development mode. */
export function developmentKeyFor(role: Role, env: NodeJS.ProcessEnv = process.env): string {
  if (!isDevelopmentMode(env)) {
    throw new Error(`No signing key given for a ${role} token; the public development keys are used only when ${DEV_MODE_VARIABLE}=true`);
  }
  return isPersonRole(role) ? DEV_CONSOLE_SIGNING_KEY : DEV_JWT_SECRET;
}

// Parsing a PEM on every call would cost more than the signature; the console signs one per request.
function privateKeyOf(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (!key) {
    key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('Person tokens are signed with an Ed25519 private key (PKCS#8 PEM)');
    privateKeys.set(pem, key);
  }
  return key;
}

/**
 * The key a command-line tool signs `role` with: AUTH_JWT_SECRET for machine roles,
 * CONSOLE_SIGNING_KEY for person roles, else the development key when MENTORING_DEV_MODE=true.
 * Throws, naming the variable, when none applies.
 */
export function signingKeyFromEnvironment(role: Role, env: NodeJS.ProcessEnv = process.env): string {
  const variable = isPersonRole(role) ? 'CONSOLE_SIGNING_KEY' : 'AUTH_JWT_SECRET';
  const configured = env[variable]?.trim();
  if (configured) return variable === 'CONSOLE_SIGNING_KEY' ? String(pemFromEnvironment(configured)) : configured;
  if (isDevelopmentMode(env)) return developmentKeyFor(role, env);
  throw new Error(`${variable} is not set: a ${role} token needs it (or ${DEV_MODE_VARIABLE}=true to use the public development key)`);
}
