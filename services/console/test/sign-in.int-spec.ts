import { startTestService, TestService } from '@mentoring/testing';
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

describe('console sign-in', () => {
  let service: TestService<ConsoleConfig>;

  beforeAll(async () => {
    service = await startTestService({ configClass: ConsoleConfig, appModule: (config) => AppModule.register(config), label: 'console' });
    const accounts = service.app.get(AccountsService);
    await accounts.save({ username: 'Dr.Ng', displayName: 'Dr Ng', role: 'mentor', subjectId: 'm-1', password: PASSWORD });
    await accounts.save({ username: 'ops.lee', displayName: 'Lee', role: 'ops', password: PASSWORD });
  });

  afterAll(() => service?.close());

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
    await accounts.save({ username: 'leaving', displayName: 'Leaving', role: 'coordinator', password: PASSWORD });
    const cookies = cookiesOf(await signIn(service, 'leaving', PASSWORD));

    await accounts.disable('leaving');

    const after = await request(service.app.getHttpServer()).get('/').set(HTML).set('Cookie', cookies);
    expect(after.headers.location).toBe('/sign-in');
  });
});
