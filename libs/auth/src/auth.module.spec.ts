import { Controller, Get, INestApplication, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DEV_JWT_SECRET } from '@mentoring/config';
import { SignJWT } from 'jose';
import request from 'supertest';
import { ownerInParam, Roles } from './access/roles.decorator';
import { CurrentPrincipal } from './access/current-principal.decorator';
import { Public } from './access/public.decorator';
import { AuthModule } from './auth.module';
import { assertOwnerOrRoles, Principal } from './principal';
import { signToken } from './token/sign-token';

const ISSUER = 'mentoring-platform';

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

@Module({ imports: [AuthModule.forRoot({ secret: DEV_JWT_SECRET, issuer: ISSUER })], controllers: [OpenController, ProtectedController] })
class TestAppModule {}

function tokenFor(role: Principal['role'], subject = 'alice') {
  return signToken({ role, subject });
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
    const forged = await signToken({ role: 'ops', subject: 'mallory', secret: 'x'.repeat(32) });

    const response = await get('/v1/whoami').set('Authorization', `Bearer ${forged}`).expect(401);

    expect(response.body.message).toBe('Token signature is invalid');
  });

  it('rejects an expired token', async () => {
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ role: 'ops' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(ISSUER)
      .setIssuedAt(anHourAgo - 60)
      .setExpirationTime(anHourAgo)
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));

    const response = await get('/v1/whoami').set('Authorization', `Bearer ${expired}`).expect(401);

    expect(response.body.message).toBe('Token has expired');
  });

  it('rejects a token from another issuer', async () => {
    const foreign = await signToken({ role: 'ops', subject: 'alice', issuer: 'someone-else' });

    const response = await get('/v1/whoami').set('Authorization', `Bearer ${foreign}`).expect(401);

    expect(response.body.message).toContain('"iss"');
    expect(response.headers['www-authenticate']).not.toMatch(/description=".*".*"/);
  });

  it('rejects a token whose role is unknown', async () => {
    const odd = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(ISSUER)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));

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
});

describe('AuthModule.forRoot', () => {
  it('refuses to start without a secret or a key set', () => {
    expect(() => AuthModule.forRoot({ issuer: ISSUER })).toThrow('Auth needs a signing secret or a JWKS URL');
  });
});
