import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyOptions } from 'jose';
import { Principal } from '../principal';
import { isRole } from '../roles';

/** How tokens are verified: an HS256 secret, or (taking precedence) a JWKS URL for asymmetric keys. */
export interface AuthOptions {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
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

type VerifyToken = (token: string) => Promise<JWTPayload>;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
// Replicas' clocks drift a little; a few seconds of grace avoids spurious "expired" at the edges.
const CLOCK_TOLERANCE_SECONDS = 5;

/** Turns a bearer token into a Principal, or says precisely why it cannot. */
export class TokenVerifier {
  private readonly verifyToken: VerifyToken;

  constructor(options: AuthOptions) {
    this.verifyToken = createVerification(options);
  }

  /** Verifies signature, issuer and expiry, and requires a subject and a known role. */
  async principalFrom(token: string): Promise<Principal> {
    const claims = await this.verifyToken(token).catch(rethrowAsRejection);
    if (!claims.sub) throw new TokenRejectedError('Token has no subject');
    if (!isRole(claims['role'])) throw new TokenRejectedError('Token carries no known role');
    return { subject: claims.sub, role: claims['role'], programmes: programmesOf(claims), claims };
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

function createVerification(options: AuthOptions): VerifyToken {
  const common: JWTVerifyOptions = { issuer: options.issuer, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp'] };
  if (options.jwksUrl) {
    const keySet = createRemoteJWKSet(new URL(options.jwksUrl));
    return async (token) => (await jwtVerify(token, keySet, { ...common, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
  }
  if (options.secret) {
    const key = new TextEncoder().encode(options.secret);
    return async (token) => (await jwtVerify(token, key, { ...common, algorithms: ['HS256'] })).payload;
  }
  throw new Error('Auth needs a signing secret or a JWKS URL');
}

function rethrowAsRejection(error: unknown): never {
  if (error instanceof errors.JWTExpired) throw new TokenRejectedError('Token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) throw new TokenRejectedError('Token signature is invalid');
  if (error instanceof errors.JWTClaimValidationFailed) throw new TokenRejectedError(`Token claim "${error.claim}" is not accepted (${error.reason})`);
  if (error instanceof errors.JOSEAlgNotAllowed) throw new TokenRejectedError('Token is signed with an algorithm this service does not accept');
  if (error instanceof errors.JWKSNoMatchingKey) throw new TokenRejectedError('Token was signed with an unknown key');
  if (isKeySetFailure(error)) throw new TokenKeysUnavailableError(error);
  throw new TokenRejectedError('Token is malformed');
}

/** jose reports its own failures as JOSEError; anything else (a fetch failure) came from reaching the key set. */
function isKeySetFailure(error: unknown): boolean {
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError);
}
