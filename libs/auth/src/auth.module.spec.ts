import { Controller, Get, INestApplication, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DEV_CONSOLE_PUBLIC_KEY, DEV_CONSOLE_SIGNING_KEY, DEV_JWT_SECRET } from '@mentoring/config';
import { JWTPayload, SignJWT } from 'jose';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { ownerInParam, Roles } from './access/roles.decorator';
import { CurrentPrincipal } from './access/current-principal.decorator';
import { Public } from './access/public.decorator';
import { AuthModule } from './auth.module';
import { assertOwnerOrRoles, Principal } from './principal';
import { developmentKeyFor, signToken } from './token/sign-token';
import { AuthOptions } from './token/token-verifier';

const ISSUER = 'mentoring-platform';
const AUDIENCE = 'grade-ingest';
const MAX_LIFETIME_SECONDS = 12 * 3600;
const DEV = { MENTORING_DEV_MODE: 'true' };
const AUTH_OPTIONS: AuthOptions = {
  audience: AUDIENCE,
  maxLifetimeSeconds: MAX_LIFETIME_SECONDS,
  machine: { issuer: ISSUER, secret: DEV_JWT_SECRET },
  console: { publicKey: DEV_CONSOLE_PUBLIC_KEY },
};

@Controller('health')
@Public()
class OpenController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

@Controller('v1')
class ProtectedController {
  @Get('whoami')
  whoami(@CurrentPrincipal() principal: Principal) {
    return { subject: principal.subject, role: principal.role };
  }

  @Get('escalations')
  @Roles('coordinator', 'ops')
  escalations() {
    return [];
  }

  @Get('students/:studentId/inbox')
  @Roles('coordinator', ownerInParam('student', 'studentId'))
  inbox(@Param('studentId') studentId: string) {
    return { studentId };
  }

  @Get('cases/:mentorId')
  caseOf(@CurrentPrincipal() principal: Principal, @Param('mentorId') mentorId: string) {
    assertOwnerOrRoles(principal, { role: 'mentor', id: mentorId }, 'coordinator');
    return { mentorId };
  }
}

@Module({ imports: [AuthModule.forRoot(AUTH_OPTIONS)], controllers: [OpenController, ProtectedController] })
class TestAppModule {}

function tokenFor(role: Principal['role'], subject = 'alice') {
  return signToken({ role, subject, audience: AUDIENCE, key: developmentKeyFor(role, DEV) });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token with exactly the claims given, signed as a machine token (HS256) or as the console (EdDSA). */
function rawToken(claims: JWTPayload, signer: 'machine' | 'console') {
  const jwt = new SignJWT(claims);
  if (signer === 'console') return jwt.setProtectedHeader({ alg: 'EdDSA' }).sign(createPrivateKey(DEV_CONSOLE_SIGNING_KEY));
  return jwt.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(DEV_JWT_SECRET));
}

function validClaims(overrides: JWTPayload = {}): JWTPayload {
  const now = nowSeconds();
  return { role: 'ops', sub: 'alice', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300, ...overrides };
}

describe('AuthModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('rejects a request without a token with 401 and a clear reason', async () => {
    const response = await get('/v1/whoami').expect(401);

    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Missing bearer token (send "Authorization: Bearer <token>")',
    });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it('rejects a malformed Authorization header', async () => {
    const response = await get('/v1/whoami').set('Authorization', 'Token abc').expect(401);

    expect(response.body.message).toBe('Malformed Authorization header (expected "Bearer <token>")');
  });

  it('rejects a token that is not a JWT', async () => {
    const response = await get('/v1/whoami').set('Authorization', 'Bearer not-a-jwt').expect(401);

    expect(response.body.message).toBe('Token is malformed');
  });

  it('rejects a token signed with another key', async () => {
    const forged = await signToken({ role: 'ops', subject: 'mallory', audience: AUDIENCE, key: 'x'.repeat(32) });

    const response = await get('/v1/whoami').set('Authorization', `Bearer ${forged}`).expect(401);

    expect(response.body.message).toBe('Token signature is invalid');
  });

  it('rejects an expired token', async () => {
    const anHourAgo = nowSeconds() - 3600;
    const expired = await rawToken(validClaims({ iat: anHourAgo - 60, exp: anHourAgo }), 'machine');

    const response = await get('/v1/whoami').set('Authorization', `Bearer ${expired}`).expect(401);

    expect(response.body.message).toBe('Token has expired');
  });

  it('rejects a token from another issuer', async () => {
    const foreign = await signToken({ role: 'ops', subject: 'alice', audience: AUDIENCE, issuer: 'someone-else', key: DEV_JWT_SECRET });

    const response = await get('/v1/whoami').set('Authorization', `Bearer ${foreign}`).expect(401);

    expect(response.body.message).toContain('"iss"');
    expect(response.headers['www-authenticate']).not.toMatch(/description=".*".*"/);
  });

  it('rejects a token whose role is unknown', async () => {
    const odd = await rawToken(validClaims({ role: 'admin' }), 'machine');

    const response = await get('/v1/whoami').set('Authorization', `Bearer ${odd}`).expect(401);

    expect(response.body.message).toBe('Token carries no known role');
  });

  it('gives the handler the principal of a valid token', async () => {
    const response = await get('/v1/whoami')
      .set('Authorization', `Bearer ${await tokenFor('registrar-feed', 'sis-main')}`)
      .expect(200);

    expect(response.body).toEqual({ subject: 'sis-main', role: 'registrar-feed' });
  });

  it('returns 403 for the wrong role and 200 for the right one', async () => {
    const asMentor = await get('/v1/escalations').set('Authorization', `Bearer ${await tokenFor('mentor')}`).expect(403);
    await get('/v1/escalations').set('Authorization', `Bearer ${await tokenFor('coordinator')}`).expect(200);

    expect(asMentor.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Role "mentor" may not do this; allowed: coordinator, ops',
    });
  });

  it('lets a student read only their own inbox', async () => {
    const student = `Bearer ${await tokenFor('student', 's-1')}`;

    await get('/v1/students/s-1/inbox').set('Authorization', student).expect(200);
    await get('/v1/students/s-2/inbox').set('Authorization', student).expect(403);
    await get('/v1/students/s-2/inbox').set('Authorization', `Bearer ${await tokenFor('coordinator')}`).expect(200);
  });

  it('does not mistake a mentor for a student with the same id', async () => {
    await get('/v1/students/s-1/inbox').set('Authorization', `Bearer ${await tokenFor('mentor', 's-1')}`).expect(403);
  });

  it('lets a mentor see only their own cases', async () => {
    await get('/v1/cases/m-1').set('Authorization', `Bearer ${await tokenFor('mentor', 'm-1')}`).expect(200);
    const other = await get('/v1/cases/m-2').set('Authorization', `Bearer ${await tokenFor('mentor', 'm-1')}`).expect(403);
    await get('/v1/cases/m-2').set('Authorization', `Bearer ${await tokenFor('coordinator')}`).expect(200);

    expect(other.body.message).toBe('Only the mentor it belongs to or a coordinator may access this');
  });

  it('leaves public routes open', async () => {
    await get('/health/live').expect(200);
  });

  describe('audience', () => {
    it('accepts a token for this service', async () => {
      await get('/v1/whoami').set('Authorization', `Bearer ${await rawToken(validClaims(), 'machine')}`).expect(200);
    });

    it('refuses a token for another service', async () => {
      const response = await get('/v1/whoami').set('Authorization', `Bearer ${await rawToken(validClaims({ aud: 'risk-scoring' }), 'machine')}`).expect(401);

      expect(response.body.message).toBe('Token is for another service ("aud")');
    });

    it('refuses a token of another system', async () => {
      await get('/v1/whoami').set('Authorization', `Bearer ${await rawToken(validClaims({ aud: 'https://lms.example.edu' }), 'machine')}`).expect(401);
    });

    it('refuses a token without an audience', async () => {
      const response = await get('/v1/whoami').set('Authorization', `Bearer ${await rawToken(validClaims({ aud: undefined }), 'machine')}`).expect(401);

      expect(response.body.message).toBe('Token names no audience ("aud")');
    });

    it('refuses a token for several services at once', async () => {
      const response = await get('/v1/whoami').set('Authorization', `Bearer ${await rawToken(validClaims({ aud: [AUDIENCE, 'risk-scoring'] }), 'machine')}`).expect(401);

      expect(response.body.message).toBe('Token must be for exactly one service ("aud")');
    });

    it('refuses a console token for another service', async () => {
      const forRisk = await signToken({ role: 'mentor', subject: 'm-1', audience: 'risk-scoring', key: DEV_CONSOLE_SIGNING_KEY });

      await get('/v1/whoami').set('Authorization', `Bearer ${forRisk}`).expect(401);
    });
  });

  describe('token age', () => {
    it('refuses a token that lives longer than the bound', async () => {
      const now = nowSeconds();
      const tenYears = await rawToken(validClaims({ iat: now, exp: now + 10 * 365 * 24 * 3600 }), 'machine');

      const response = await get('/v1/whoami').set('Authorization', `Bearer ${tenYears}`).expect(401);

      expect(response.body.message).toBe(`Token lives too long (exp - iat is ${10 * 365 * 24 * 3600} s; this service accepts at most ${MAX_LIFETIME_SECONDS} s)`);
    });

    it('accepts a token that lives exactly as long as the bound', async () => {
      const now = nowSeconds();

      await get('/v1/whoami').set('Authorization', `Bearer ${await rawToken(validClaims({ iat: now, exp: now + MAX_LIFETIME_SECONDS }), 'machine')}`).expect(200);
    });

    it('refuses a token without iat', async () => {
      const response = await get('/v1/whoami').set('Authorization', `Bearer ${await rawToken(validClaims({ iat: undefined }), 'machine')}`).expect(401);

      expect(response.body.message).toContain('"iat"');
    });

    it('refuses a token issued in the future', async () => {
      const now = nowSeconds();
      const future = await rawToken(validClaims({ iat: now + 3600, exp: now + 3900 }), 'machine');

      const response = await get('/v1/whoami').set('Authorization', `Bearer ${future}`).expect(401);

      expect(response.body.message).toBe('Token was issued in the future ("iat")');
    });

    it('refuses a token issued longer ago than the bound', async () => {
      const now = nowSeconds();
      const old = await rawToken(validClaims({ iat: now - MAX_LIFETIME_SECONDS - 600, exp: now + 300 }), 'machine');

      await get('/v1/whoami').set('Authorization', `Bearer ${old}`).expect(401);
    });
  });

  describe('who may grant which role', () => {
    it('accepts a person role signed by the console', async () => {
      const mentor = await signToken({ role: 'mentor', subject: 'm-1', audience: AUDIENCE, key: DEV_CONSOLE_SIGNING_KEY });

      const response = await get('/v1/whoami').set('Authorization', `Bearer ${mentor}`).expect(200);

      expect(response.body).toEqual({ subject: 'm-1', role: 'mentor' });
    });

    it.each(['ops', 'service', 'registrar-feed'])('refuses the machine role %s signed by the console key', async (role) => {
      const now = nowSeconds();
      const minted = await rawToken({ role, sub: 'console', iss: 'mentoring-console', aud: AUDIENCE, iat: now, exp: now + 60 }, 'console');

      const response = await get('/v1/whoami').set('Authorization', `Bearer ${minted}`).expect(401);

      expect(response.body.message).toBe(`Token issuer may not grant the role "${role}" (person tokens carry person roles only)`);
    });

    it.each(['mentor', 'coordinator', 'student', 'operator'])('refuses the person role %s signed with AUTH_JWT_SECRET', async (role) => {
      const minted = await rawToken(validClaims({ role }), 'machine');

      const response = await get('/v1/whoami').set('Authorization', `Bearer ${minted}`).expect(401);

      expect(response.body.message).toBe(`Token issuer may not grant the role "${role}" (machine tokens carry machine roles only)`);
    });

    it("refuses a token that claims the console's issuer but is signed with AUTH_JWT_SECRET", async () => {
      const forged = await rawToken(validClaims({ role: 'mentor', iss: 'mentoring-console' }), 'machine');

      const response = await get('/v1/whoami').set('Authorization', `Bearer ${forged}`).expect(401);

      expect(response.body.message).toBe('Token is signed with an algorithm this service does not accept');
    });

    it('refuses a person token signed by another Ed25519 key', async () => {
      const stranger = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const forged = await signToken({ role: 'coordinator', subject: 'c-1', audience: AUDIENCE, key: stranger });

      const response = await get('/v1/whoami').set('Authorization', `Bearer ${forged}`).expect(401);

      expect(response.body.message).toBe('Token signature is invalid');
    });

    it('lets an operator (an ops person in the console) in with its own role, not as ops', async () => {
      const operator = await signToken({ role: 'operator', subject: 'ops-1', audience: AUDIENCE, key: DEV_CONSOLE_SIGNING_KEY });

      await get('/v1/escalations').set('Authorization', `Bearer ${operator}`).expect(403);
    });
  });
});

describe('AuthModule.forRoot', () => {
  it('refuses to start without a secret or a key set for machine tokens', () => {
    expect(() => AuthModule.forRoot({ ...AUTH_OPTIONS, machine: { issuer: ISSUER } })).toThrow('Auth needs a signing secret or a JWKS URL for machine tokens');
  });

  it("refuses to start without the console's key", () => {
    expect(() => AuthModule.forRoot({ ...AUTH_OPTIONS, console: {} })).toThrow("Auth needs the console's public key or its JWKS URL for person tokens");
  });

  it('refuses to start without an audience', () => {
    expect(() => AuthModule.forRoot({ ...AUTH_OPTIONS, audience: '' })).toThrow('Auth needs the audience this service accepts');
  });
});

describe('signToken', () => {
  it('refuses to fall back to a development key outside development mode', () => {
    expect(() => developmentKeyFor('ops', {})).toThrow('the public development keys are used only when MENTORING_DEV_MODE=true');
    expect(developmentKeyFor('ops', DEV)).toBe(DEV_JWT_SECRET);
    expect(developmentKeyFor('mentor', DEV)).toBe(DEV_CONSOLE_SIGNING_KEY);
  });

  it('refuses a token without an audience', async () => {
    await expect(signToken({ role: 'ops', subject: 'a', audience: '', key: DEV_JWT_SECRET })).rejects.toThrow('A token needs an audience');
  });
});
