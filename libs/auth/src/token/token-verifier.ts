import { CONSOLE_ISSUER } from '@mentoring/config';
import { createPublicKey, KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Principal } from '../principal';
import { isMachineRole, isPersonRole, isRole, Role } from '../roles';

/**
 * How one service verifies tokens. Machine tokens (issuer `machine.issuer`) are HS256 with
 * `machine.secret`, or come from `machine.jwksUrl`; person tokens (issuer `mentoring-console`) are
 * EdDSA, checked with the console's public key or `console.jwksUrl`. Each kind may carry only its
 * own roles, every token must name `audience` and live no longer than `maxLifetimeSeconds`.
 */
export interface AuthOptions {
  audience: string;
  maxLifetimeSeconds: number;
  machine: { issuer: string; secret?: string; jwksUrl?: string };
  console: { publicKey?: string; jwksUrl?: string };
}

/** The token cannot be trusted; `reason` is safe to show the caller. */
export class TokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

/** The key set could not be fetched, so no token can be judged right now (not the caller's fault). */
export class TokenKeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The token signing keys cannot be fetched', { cause });
    this.name = 'TokenKeysUnavailableError';
  }
}

interface Issuer {
  name: string;
  key: Uint8Array | KeyObject | JWTVerifyGetKey;
  algorithms: string[];
  mayCarry: (role: Role) => boolean;
  kind: 'machine' | 'person';
}

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
// Replicas' clocks drift a little; a few seconds of grace avoids spurious "expired" at the edges.
const CLOCK_TOLERANCE_SECONDS = 5;

/** Turns a bearer token into a Principal, or says precisely why it cannot. */
export class TokenVerifier {
  private readonly issuers: Map<string, Issuer>;

  constructor(private readonly options: AuthOptions) {
    if (!options.audience) throw new Error('Auth needs the audience this service accepts');
    if (!Number.isInteger(options.maxLifetimeSeconds) || options.maxLifetimeSeconds <= 0) throw new Error('Auth needs a positive maximum token lifetime');
    if (options.machine.issuer === CONSOLE_ISSUER) throw new Error(`The machine token issuer must differ from "${CONSOLE_ISSUER}"`);
    this.issuers = new Map([machineIssuer(options.machine), consoleIssuer(options.console)].map((issuer) => [issuer.name, issuer]));
  }

  /** The `aud` this service accepts. */
  get audience(): string {
    return this.options.audience;
  }

  /**
   * Verifies signature, issuer, audience, expiry and lifetime, and requires a subject and a role
   * that this issuer may grant.
   */
  async principalFrom(token: string): Promise<Principal> {
    const issuer = this.issuers.get(claimedIssuerOf(token) ?? '');
    if (!issuer) throw new TokenRejectedError('Token claim "iss" is not accepted (unexpected "iss" claim value)');
    const claims = await this.verifyWith(issuer, token);
    if (!claims.sub) throw new TokenRejectedError('Token has no subject');
    const role = claims['role'];
    if (!isRole(role)) throw new TokenRejectedError('Token carries no known role');
    if (!issuer.mayCarry(role)) throw new TokenRejectedError(`Token issuer may not grant the role "${role}" (${issuer.kind} tokens carry ${issuer.kind} roles only)`);
    return { subject: claims.sub, role, programmes: programmesOf(claims), claims };
  }

  private async verifyWith(issuer: Issuer, token: string): Promise<JWTPayload> {
    const { audience, maxLifetimeSeconds } = this.options;
    const verifyOptions = {
      issuer: issuer.name,
      audience,
      algorithms: issuer.algorithms,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      // With maxTokenAge jose also refuses an `iat` in the future (beyond the tolerance).
      maxTokenAge: maxLifetimeSeconds,
      requiredClaims: ['exp', 'iat', 'aud'],
    };
    const { payload } = await (typeof issuer.key === 'function'
      ? jwtVerify(token, issuer.key, verifyOptions)
      : jwtVerify(token, issuer.key, verifyOptions)
    ).catch(rethrowAsRejection);
    if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw new TokenRejectedError('Token must be for exactly one service ("aud")');
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    if (lifetime > maxLifetimeSeconds) {
      throw new TokenRejectedError(`Token lives too long (exp - iat is ${lifetime} s; this service accepts at most ${maxLifetimeSeconds} s)`);
    }
    return payload;
  }
}

function machineIssuer(options: AuthOptions['machine']): Issuer {
  const common = { name: options.issuer, mayCarry: isMachineRole, kind: 'machine' } as const;
  if (options.jwksUrl) return { ...common, key: createRemoteJWKSet(new URL(options.jwksUrl)), algorithms: ASYMMETRIC_ALGORITHMS };
  if (options.secret) return { ...common, key: new TextEncoder().encode(options.secret), algorithms: ['HS256'] };
  throw new Error('Auth needs a signing secret or a JWKS URL for machine tokens');
}

function consoleIssuer(options: AuthOptions['console']): Issuer {
  const common = { name: CONSOLE_ISSUER, mayCarry: isPersonRole, kind: 'person' } as const;
  if (options.jwksUrl) return { ...common, algorithms: ['EdDSA'], key: createRemoteJWKSet(new URL(options.jwksUrl)) };
  if (options.publicKey) return { ...common, algorithms: ['EdDSA'], key: createPublicKey({ key: options.publicKey, format: 'pem' }) };
  throw new Error("Auth needs the console's public key or its JWKS URL for person tokens");
}

/** The `iss` the token claims, before any check: it only picks which key to verify with. */
function claimedIssuerOf(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    throw new TokenRejectedError('Token is malformed');
  }
}

function programmesOf(claims: JWTPayload): string[] {
  const programmes = claims['programmes'];
  if (programmes === undefined) return [];
  if (!Array.isArray(programmes) || !programmes.every((programme) => typeof programme === 'string' && programme.length > 0)) {
    throw new TokenRejectedError('Token claim "programmes" must be a list of programme codes');
  }
  return programmes;
}

function rethrowAsRejection(error: unknown): never {
  if (error instanceof errors.JWTExpired) throw new TokenRejectedError(error.claim === 'iat' ? 'Token is too old' : 'Token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) throw new TokenRejectedError('Token signature is invalid');
  if (error instanceof errors.JWTClaimValidationFailed) throw new TokenRejectedError(claimProblem(error));
  if (error instanceof errors.JOSEAlgNotAllowed) throw new TokenRejectedError('Token is signed with an algorithm this service does not accept');
  if (error instanceof errors.JWKSNoMatchingKey) throw new TokenRejectedError('Token was signed with an unknown key');
  if (isKeySetFailure(error)) throw new TokenKeysUnavailableError(error);
  throw new TokenRejectedError('Token is malformed');
}

function claimProblem(error: errors.JWTClaimValidationFailed): string {
  if (error.claim === 'aud') return error.reason === 'missing' ? 'Token names no audience ("aud")' : 'Token is for another service ("aud")';
  if (error.claim === 'iat' && error.reason === 'check_failed') return 'Token was issued in the future ("iat")';
  return `Token claim "${error.claim}" is not accepted (${error.reason})`;
}

/** jose reports its own failures as JOSEError; anything else (a fetch failure) came from reaching the key set. */
function isKeySetFailure(error: unknown): boolean {
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError);
}
