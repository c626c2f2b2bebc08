import { spawnTsProcess, startTestService, tailLog, TestService } from '@mentoring/testing';
import request from 'supertest';
import { AccountsService } from '../src/accounts/accounts.service';
import { AppModule } from '../src/app.module';
import { ConsoleConfig } from '../src/config/console.config';

const HTML = { accept: 'text/html' };
const PASSWORD = 'a long mentor password';

/** The sign-in form's hidden CSRF value and the cookies that came with it. */
async function openSignInForm(service: TestService<ConsoleConfig>): Promise<{ csrf: string; cookies: string[] }> {
  const page = await request(service.app.getHttpServer()).get('/sign-in').set(HTML).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!csrf) throw new Error('the sign-in form has no CSRF field');
  return { csrf, cookies: cookiesOf(page) };
}

function cookiesOf(response: request.Response): string[] {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  return (header ?? []).map((cookie) => cookie.split(';')[0]).filter((cookie) => !cookie.endsWith('='));
}

async function signIn(service: TestService<ConsoleConfig>, username: string, password: string) {
  const form = await openSignInForm(service);
  return request(service.app.getHttpServer()).post('/sign-in').set(HTML).set('Cookie', form.cookies).type('form').send({ _csrf: form.csrf, username, password });
}

/** An admin's password reset through the accounts CLI, as in the README. */
async function resetPasswordWithCli(service: TestService<ConsoleConfig>, username: string, password: string): Promise<void> {
  const args = ['add', '--username', username, '--name', username, '--role', 'coordinator', '--programmes', 'MBBS'];
  const cli = spawnTsProcess('services/console/src/accounts/cli/accounts-cli.ts', { DATABASE_URL: service.database.url, CONSOLE_PASSWORD: password, LOG_LEVEL: 'warn' }, 'console-accounts', args);
  if ((await cli.exited) !== 0) throw new Error(`the accounts CLI failed:\n${tailLog(cli)}`);
}

async function wrongPasswords(replicas: TestService<ConsoleConfig>[], username: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < count; attempt++) statuses.push((await signIn(replicas[attempt % replicas.length], username, 'not the password at all')).status);
  return statuses;
}

describe('console sign-in', () => {
  let service: TestService<ConsoleConfig>;
  // A second console on the same database: a lock must hold whichever replica a guess reaches.
  let replica: TestService<ConsoleConfig>;

  beforeAll(async () => {
    // Every request here comes from 127.0.0.1; the per-client budget is proven in sign-in-abuse.int-spec.ts.
    const overrides = { SIGN_IN_CLIENT_MAX_ATTEMPTS: 1000 };
    service = await startTestService({ configClass: ConsoleConfig, appModule: (config) => AppModule.register(config), label: 'console', overrides });
    replica = await startTestService({ configClass: ConsoleConfig, appModule: (config) => AppModule.register(config), label: 'console', database: service.database, overrides });
    const accounts = service.app.get(AccountsService);
    await accounts.save({ username: 'Dr.Ng', displayName: 'Dr Ng', role: 'mentor', subjectId: 'm-1', password: PASSWORD });
    await accounts.save({ username: 'ops.lee', displayName: 'Lee', role: 'ops', password: PASSWORD });
  });

  afterAll(async () => {
    await replica?.close();
    await service?.close();
  });

  it('sends a person without a session to the sign-in page', async () => {
    const home = await request(service.app.getHttpServer()).get('/').set(HTML);
    const signOut = await request(service.app.getHttpServer()).post('/sign-out').set(HTML);

    expect([home.status, home.headers.location]).toEqual([303, '/sign-in']);
    expect([signOut.status, signOut.headers.location]).toEqual([303, '/sign-in']);
  });

  it('signs a mentor in with a secure, http-only session cookie and sends them to their caseload', async () => {
    const response = await signIn(service, 'dr.ng', PASSWORD);

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/mentor');
    const session = (response.headers['set-cookie'] as unknown as string[]).find((cookie) => cookie.startsWith('console_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Lax/);
  });

  it('refuses a wrong password without saying whether the username exists', async () => {
    const wrongPassword = await signIn(service, 'dr.ng', 'not the password at all');
    const unknownUser = await signIn(service, 'nobody', PASSWORD);

    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.text).toContain('do not match an active account');
    expect(unknownUser.text).toContain('do not match an active account');
  });

  it('refuses a sign-in form posted without its CSRF token', async () => {
    const response = await request(service.app.getHttpServer()).post('/sign-in').set(HTML).type('form').send({ username: 'dr.ng', password: PASSWORD });

    expect(response.status).toBe(403);
  });

  it('refuses a signed-in form post without the session’s CSRF token', async () => {
    const signedIn = await signIn(service, 'ops.lee', PASSWORD);
    const cookies = cookiesOf(signedIn);

    const forged = await request(service.app.getHttpServer()).post('/sign-out').set(HTML).set('Cookie', cookies).type('form').send({});
    expect(forged.status).toBe(403);

    // The session survived the refused post: the person is still signed in.
    const page = await request(service.app.getHttpServer()).get('/sign-in?next=/ops').set(HTML).set('Cookie', cookies);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/ops');
  });

  it('ends a disabled account’s sessions at once', async () => {
    const accounts = service.app.get(AccountsService);
    await accounts.save({ username: 'leaving', displayName: 'Leaving', role: 'coordinator', programmes: ['MBBS'], password: PASSWORD });
    const cookies = cookiesOf(await signIn(service, 'leaving', PASSWORD));

    await accounts.disable('leaving');

    const after = await request(service.app.getHttpServer()).get('/').set(HTML).set('Cookie', cookies);
    expect(after.headers.location).toBe('/sign-in');
  });

  describe('locking out password guessing', () => {
    const accounts = () => service.app.get(AccountsService);
    const addCoordinator = (username: string) => accounts().save({ username, displayName: username, role: 'coordinator', programmes: ['MBBS'], password: PASSWORD });

    it('locks an account after 5 wrong passwords on any replica, then refuses even the right one', async () => {
      await addCoordinator('guessed');

      const statuses = await wrongPasswords([service, replica], 'guessed', 5);
      const rightPassword = await signIn(replica, 'guessed', PASSWORD);

      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      expect(rightPassword.status).toBe(429);
      expect(Number(rightPassword.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(rightPassword.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      expect(rightPassword.text).toContain('do not match an active account');
      expect(rightPassword.text).toContain('Too many attempts, try again in 15 minutes');
      expect(cookiesOf(rightPassword).some((cookie) => cookie.startsWith('console_session='))).toBe(false);
    });

    it('counts wrong passwords racing on two replicas one by one', async () => {
      await addCoordinator('raced');

      const statuses = await Promise.all([service, replica, service, replica, service].map((target) => signIn(target, 'raced', 'not the password at all')));

      expect(statuses.map((response) => response.status).sort()).toEqual([401, 401, 401, 401, 429]);
      expect((await signIn(service, 'raced', PASSWORD)).status).toBe(429);
    });

    it('starts counting again after a successful sign-in', async () => {
      await addCoordinator('forgetful');

      const before = await wrongPasswords([service], 'forgetful', 4);
      const success = await signIn(replica, 'forgetful', PASSWORD);
      const after = await wrongPasswords([service], 'forgetful', 4);

      expect(before).toEqual([401, 401, 401, 401]);
      expect(success.status).toBe(303);
      expect(after).toEqual([401, 401, 401, 401]);
      expect((await signIn(service, 'forgetful', PASSWORD)).status).toBe(303);
    });

    it('counts an unknown username like a real one, so its lock does not tell them apart', async () => {
      await addCoordinator('somebody-here');

      const unknown = await wrongPasswords([service, replica], 'nobody-here', 6);
      const known = await wrongPasswords([service, replica], 'somebody-here', 6);

      expect(unknown).toEqual([401, 401, 401, 401, 429, 429]);
      expect(known).toEqual(unknown);
    });

    it('lets a person back in at once when an admin resets their password with the CLI', async () => {
      await addCoordinator('reset.me');
      await wrongPasswords([service], 'reset.me', 5);
      expect((await signIn(service, 'reset.me', PASSWORD)).status).toBe(429);

      await resetPasswordWithCli(service, 'reset.me', 'a brand new password');

      const response = await signIn(replica, 'reset.me', 'a brand new password');
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/coordinator');
    });
  });
});
