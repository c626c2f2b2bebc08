import { startTestService, TestService, waitUntil } from '@mentoring/testing';
import http from 'node:http';
import { scryptSync } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service';
import { AccountEntity } from '../src/accounts/infrastructure/account.entity';
import { PasswordHasher } from '../src/accounts/password-hasher';
import { AppModule } from '../src/app.module';
import { ConsoleConfig } from '../src/config/console.config';

const HTML = { accept: 'text/html' };
const PASSWORD = 'the owner’s long password';
// Small limits, so each rule shows within a few requests.
const LIMITS: Partial<ConsoleConfig> = {
  SIGN_IN_CLIENT_MAX_ATTEMPTS: 4,
  SIGN_IN_MAX_FAILURES: 3,
  SIGN_IN_ACCOUNT_MAX_FAILURES: 6,
  SIGN_IN_HASH_CONCURRENCY: 1,
  SIGN_IN_HASH_QUEUE: 1,
};

// Every 127.x.y.z address is this machine's loopback: each one is a different client to the console.
const agents = new Map<string, http.Agent>();
function fromAddress(address: string): http.Agent {
  const agent = agents.get(address) ?? new http.Agent({ localAddress: address });
  agents.set(address, agent);
  return agent;
}

interface SignInForm {
  csrf: string;
  cookies: string[];
}

async function openForm(service: TestService<ConsoleConfig>, address: string): Promise<SignInForm> {
  const page = await request(service.app.getHttpServer()).get('/sign-in').agent(fromAddress(address)).set(HTML).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!csrf) throw new Error('the sign-in form has no CSRF field');
  return { csrf, cookies: cookieNames(page, true) };
}

function postForm(service: TestService<ConsoleConfig>, address: string, form: SignInForm, username: string, password: string) {
  return request(service.app.getHttpServer()).post('/sign-in').agent(fromAddress(address)).set(HTML).set('Cookie', form.cookies).type('form').send({ _csrf: form.csrf, username, password });
}

async function signIn(service: TestService<ConsoleConfig>, address: string, username: string, password: string) {
  return postForm(service, address, await openForm(service, address), username, password);
}

/** `name=value` pairs (withValues) or just the names of the cookies a response set. */
function cookieNames(response: request.Response, withValues = false): string[] {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  return (header ?? []).map((cookie) => cookie.split(';')[0]).map((pair) => (withValues ? pair : pair.split('=')[0]));
}

/** A response as an observer compares it: the per-request CSRF value and the typed username blanked out. */
function observed(response: request.Response, username: string) {
  return {
    status: response.status,
    retryAfter: response.headers['retry-after'] !== undefined,
    cookies: cookieNames(response),
    body: response.text.replace(/name="_csrf" value="[^"]+"/, 'name="_csrf" value=""').split(`value="${username}"`).join('value=""'),
  };
}

describe('console sign-in under abuse', () => {
  let service: TestService<ConsoleConfig>;
  // A second console on the same database: every limit must hold whichever replica a request reaches.
  let replica: TestService<ConsoleConfig>;
  const hasherOf = (target: TestService<ConsoleConfig>) => target.app.get(PasswordHasher);
  const addAccount = (username: string) => service.app.get(AccountsService).save({ username, displayName: username, role: 'ops', password: PASSWORD });

  beforeAll(async () => {
    service = await startTestService({ configClass: ConsoleConfig, appModule: (config) => AppModule.register(config), label: 'console', overrides: LIMITS });
    replica = await startTestService({ configClass: ConsoleConfig, appModule: (config) => AppModule.register(config), label: 'console', database: service.database, overrides: LIMITS });
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    for (const agent of agents.values()) agent.destroy();
    await replica?.close();
    await service?.close();
  });

  it('answers a flooding client 429 without hashing, on every replica, while another client still signs in', async () => {
    await addAccount('flood.owner');
    const hashes = [jest.spyOn(hasherOf(service), 'verify'), jest.spyOn(hasherOf(replica), 'verify')];

    const flood: request.Response[] = [];
    for (let attempt = 0; attempt < 6; attempt++) flood.push(await signIn(attempt % 2 ? replica : service, '127.0.0.11', `guess-${attempt}`, 'spraying a password'));

    expect(flood.map((response) => response.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(hashes.reduce((sum, spy) => sum + spy.mock.calls.length, 0)).toBe(4);
    const refused = flood[5];
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(5 * 60);
    expect(refused.text).toContain('many sign-in attempts from your network');
    expect(refused.text).not.toContain('do not match');

    const owner = await signIn(replica, '127.0.0.12', 'flood.owner', PASSWORD);
    expect([owner.status, owner.headers.location]).toEqual([303, '/ops']);
  });

  it('answers an unknown username exactly like a known one, hash and lock included', async () => {
    await addAccount('amina.k');
    const hashes = jest.spyOn(hasherOf(service), 'verify');

    const known: ReturnType<typeof observed>[] = [];
    const unknown: ReturnType<typeof observed>[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      known.push(observed(await signIn(service, '127.0.0.21', 'amina.k', 'not her password'), 'amina.k'));
      unknown.push(observed(await signIn(service, '127.0.0.22', 'nobody.k', 'not her password'), 'nobody.k'));
    }

    expect(known.map((answer) => answer.status)).toEqual([401, 401, 429, 429]);
    expect(unknown).toEqual(known);
    expect(known[3].body).toContain('That username and password do not match an active account. Too many attempts, try again in 15 minutes.');
    // Three checked passwords each: the unknown username is checked against a decoy hash; a lock checks none.
    expect(hashes.mock.calls.map(([, stored]) => stored.split('$').slice(0, 4).join('$'))).toEqual(Array(6).fill('scrypt$32768$8$3'));
  });

  it('never locks the owner out: a stranger’s guesses lock only the stranger’s client, and the lock does not grow', async () => {
    await addAccount('owner');

    const stranger: request.Response[] = [];
    for (let attempt = 0; attempt < 4; attempt++) stranger.push(await signIn(attempt % 2 ? replica : service, '127.0.0.31', 'owner', `guess number ${attempt}`));

    expect(stranger.map((response) => response.status)).toEqual([401, 401, 429, 429]);
    expect(Number(stranger[3].headers['retry-after'])).toBeLessThanOrEqual(Number(stranger[2].headers['retry-after']));
    const fromOwnClient = await signIn(service, '127.0.0.32', 'owner', PASSWORD);
    expect([fromOwnClient.status, fromOwnClient.headers.location]).toEqual([303, '/ops']);
  });

  it('shuts new clients out of an account guessed at from many clients, but not the owner’s known client', async () => {
    await addAccount('popular');
    expect((await signIn(service, '127.0.0.40', 'popular', PASSWORD)).status).toBe(303);

    // Two guessing clients reach the account-wide cap of 6 wrong passwords, 3 each.
    for (const address of ['127.0.0.41', '127.0.0.42']) {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) statuses.push((await signIn(replica, address, 'popular', `wrong ${attempt}`)).status);
      expect(statuses).toEqual([401, 401, 429]);
    }

    const newClient = await signIn(service, '127.0.0.43', 'popular', PASSWORD);
    expect(newClient.status).toBe(429);
    expect(newClient.text).toContain('Too many attempts, try again in');
    const knownClient = await signIn(replica, '127.0.0.40', 'popular', PASSWORD);
    expect([knownClient.status, knownClient.headers.location]).toEqual([303, '/ops']);
  });

  it('hashes at most SIGN_IN_HASH_CONCURRENCY passwords with SIGN_IN_HASH_QUEUE waiting, and answers the rest 503 without hashing', async () => {
    const hasher = hasherOf(service);
    const realVerify = hasher.verify.bind(hasher);
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // Holds every started hash until the excess has been answered, so "at once" does not depend on timing.
    const hashes = jest.spyOn(hasher, 'verify').mockImplementation(async (password, stored) => {
      await gate;
      return realVerify(password, stored);
    });
    const addresses = ['127.0.0.51', '127.0.0.52', '127.0.0.53', '127.0.0.54', '127.0.0.55'];
    const forms = await Promise.all(addresses.map((address) => openForm(service, address)));

    const answered: request.Response[] = [];
    const attempts = addresses.map((address, index) =>
      postForm(service, address, forms[index], `queued-${index}`, 'any password at all').then((response) => {
        answered.push(response);
        return response;
      }),
    );
    await waitUntil('the three requests beyond the queue are answered', () => answered.length >= 3);
    expect(answered.map((response) => response.status)).toEqual([503, 503, 503]);
    expect(hashes).toHaveBeenCalledTimes(1);
    openGate();
    const responses = await Promise.all(attempts);

    expect(responses.map((response) => response.status).sort()).toEqual([401, 401, 503, 503, 503]);
    expect(hashes).toHaveBeenCalledTimes(2);
    const busy = responses.find((response) => response.status === 503);
    expect(busy?.headers['retry-after']).toBe('5');
    expect(busy?.text).toContain('Sign-in is busy right now');
    const metrics = await request(service.app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/console_sign_in_attempts_total\{outcome="busy"[^}]*\} 3\n/);
  });

  it('replaces a password hash made under the former 128 MiB parameters at the next sign-in', async () => {
    await addAccount('veteran');
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 17 * 8 });
    const accounts = service.app.get(DataSource).getRepository(AccountEntity);
    await accounts.update({ username: 'veteran' }, { passwordHash: ['scrypt', 2 ** 17, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$') });

    expect((await signIn(service, '127.0.0.61', 'veteran', PASSWORD)).status).toBe(303);

    expect((await accounts.findOneByOrFail({ username: 'veteran' })).passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect((await signIn(replica, '127.0.0.61', 'veteran', PASSWORD)).status).toBe(303);
  });
});
