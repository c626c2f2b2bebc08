import { DEFAULT_AUTH_ISSUER, DEV_JWT_SECRET } from '@mentoring/config';
import { SignJWT } from 'jose';
import { Role } from '../roles';

/** What to put in a token; secret and issuer default to the local development ones. */
export interface SignTokenOptions {
  subject: string;
  role: Role;
  /** Programme codes a coordinator is responsible for. */
  programmes?: string[];
  ttlSeconds?: number;
  secret?: string;
  issuer?: string;
}

const ONE_HOUR = 3600;

/** Signs an HS256 bearer token (for `npm start`, tests and the ops CLI). */
export async function signToken(options: SignTokenOptions): Promise<string> {
  const ttlSeconds = options.ttlSeconds ?? ONE_HOUR;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`ttlSeconds must be a positive integer (got ${ttlSeconds})`);
  const nowSeconds = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: options.role, ...(options.programmes ? { programmes: options.programmes } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuer(options.issuer ?? DEFAULT_AUTH_ISSUER)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ttlSeconds)
    .sign(new TextEncoder().encode(options.secret ?? DEV_JWT_SECRET));
}
