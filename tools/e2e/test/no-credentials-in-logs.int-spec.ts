import fs from 'node:fs';
import { developmentKeyFor, signToken } from '@mentoring/auth';
import { lowSummatives, Pipeline, postGrades, registerMentor, registerStudent, waitUntil } from '@mentoring/testing';

// Every credential a realistic session uses (a console password and session cookie, the link
// tokens in a student's and a mentor's email, bearer tokens between the console and the services
// and from an API client) must stay out of every log file: the platform's own processes, the
// console included, run with their logs written to files, and the files are read at the end.

const PASSWORD = 'a-long-mentor-passphrase-7f3a9c2e';
const MENTOR = { id: 'M-LOGS-1', displayName: 'Dr Amina Rahman', email: 'amina.rahman@faculty.example.edu' };
const STUDENT = { id: 'S-LOGS-1', displayName: 'Zoë Haddad', email: 'zoe.haddad@students.example.edu' };
const LINK = /https?:\/\/[^\s"<>]+\/v1\/links\/[\w-]+\?token=[\w.-]+/g;
// Any JWT (the console's per-call bearer tokens are never seen by the test, but all look like this).
const JWT = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/;

/** A browser's cookie jar, just big enough for the console. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; referer?: string } = {}): Promise<{ status: number; location: string; text: string }> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.referer) headers.referer = init.referer;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(new URL(url, this.origin), {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return { status: response.status, location: response.headers.get('location') ?? '', text: await response.text() };
  }
}

function hiddenField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
  if (!value) throw new Error(`the page has no ${name} field`);
  return value.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') as string;
}

describe('no credential in any log', () => {
  const pipeline = new Pipeline();
  let stopped = false;

  beforeAll(async () => {
    await pipeline.start();
    await pipeline.startConsole();
    await registerMentor(pipeline, MENTOR, 3);
    await registerStudent(pipeline, STUDENT);
    await pipeline.addConsoleAccount({ username: 'amina', displayName: MENTOR.displayName, role: 'mentor', subject: MENTOR.id, password: PASSWORD });
  }, 300_000);

  afterAll(async () => {
    if (!stopped) await pipeline.stop();
  });

  async function linksTo(address: string, action: string): Promise<string[]> {
    const mail = await waitUntil(
      `${address} is emailed a ${action} link`,
      async () => (await pipeline.mail()).find((message) => message.envelope.to.includes(address) && message.text.includes(`/v1/links/${action}?token=`)),
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    return (mail.text.match(LINK) ?? []).filter((link) => link.includes(`/v1/links/${action}?`));
  }

  it('signs in, follows emailed links, books a time, switches links off and calls APIs, and logs none of the secrets it used', async () => {
    const browser = new Browser(pipeline.consoleUrl);
    await postGrades(pipeline, lowSummatives(STUDENT.id));

    // The mentor follows the emailed link before signing in, then signs in with a password.
    const [acceptLink] = await linksTo(MENTOR.email, 'accept-case');
    const toSignIn = await browser.request(acceptLink);
    expect(toSignIn.status).toBe(303);
    const signInPage = await browser.request(toSignIn.location, { referer: acceptLink });
    const signedIn = await browser.request('/sign-in', {
      form: { _csrf: hiddenField(signInPage.text, '_csrf'), next: hiddenField(signInPage.text, 'next'), username: 'amina', password: PASSWORD },
      referer: new URL(toSignIn.location, pipeline.consoleUrl).toString(),
    });
    expect(signedIn.status).toBe(303);
    const session = browser.cookie('console_session');
    if (!session) throw new Error('signing in set no session cookie');

    // Signed in, the link leads on to the case; the mentor accepts it through the console (bearer tokens to the services).
    const backToLink = await browser.request(signedIn.location, { referer: acceptLink });
    expect(backToLink.status).toBe(303);
    const casePage = await browser.request(backToLink.location, { referer: acceptLink });
    expect(casePage.status).toBe(200);
    const csrf = hiddenField(casePage.text, '_csrf');
    const caseUrl = new URL(backToLink.location, pipeline.consoleUrl).pathname;
    const accepted = await browser.request(`${caseUrl}/accept`, { form: { _csrf: csrf }, referer: `${pipeline.consoleUrl}${caseUrl}` });
    expect(accepted.status).toBe(303);

    // The student books a time from their email, without an account, and tries the link for something else.
    const student = new Browser(pipeline.consoleUrl);
    const [pickLink] = await linksTo(STUDENT.email, 'pick-slot');
    const pickPage = await student.request(pickLink);
    expect(pickPage.status).toBe(200);
    const booked = await student.request('/v1/links/slot', {
      form: { token: tokenOf(pickLink), start: hiddenField(pickPage.text, 'start'), end: hiddenField(pickPage.text, 'end') },
      referer: pickLink,
    });
    expect(booked.status).toBe(303);
    expect((await student.request(booked.location, { referer: pickLink })).status).toBe(200);
    expect((await student.request(`/v1/links/change-mentor?token=${tokenOf(pickLink)}`)).status).toBe(403);
    expect((await student.request(`${pickLink}x`)).status).toBe(400);

    // The student switches off every link they were sent; the old link now fails.
    const [preferencesLink] = await linksTo(STUDENT.email, 'preferences');
    const switchedOff = await student.request('/v1/links/switch-off', { form: { token: tokenOf(preferencesLink) }, referer: preferencesLink });
    expect(switchedOff.status).toBe(200);
    expect((await student.request(pickLink)).status).toBe(410);

    // An API client calls a service with a bearer token, once refused, once let in.
    const bearer = await signToken({ subject: 'ops-logs', role: 'ops', audience: 'notification', key: developmentKeyFor('ops', { MENTORING_DEV_MODE: 'true' }) });
    const [notification] = pipeline.instancesOf('notification');
    const api = await fetch(`${notification.url}/v1/ops/dead-letters`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(api.status).toBe(200);
    const refused = await fetch(`${notification.url}/v1/recipients/${STUDENT.id}/inbox`, { headers: { authorization: `Bearer ${bearer}x` } });
    expect(refused.status).toBe(401);

    const linkTokens = (await pipeline.mail()).flatMap((mail) => (mail.text.match(LINK) ?? []).map(tokenOf));
    expect(linkTokens.length).toBeGreaterThan(5);
    const secrets = [PASSWORD, session, csrf, bearer, ...new Set(linkTokens)];

    // Stopped first, so every line is on disk.
    stopped = true;
    await pipeline.stop();
    const logs = pipeline.logFiles().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
    const leaks = logs.flatMap(({ file, text }) => [
      ...secrets.filter((secret) => text.includes(secret)).map((secret) => `${file}: ${secret.slice(0, 12)}...`),
      ...(JWT.test(text) ? [`${file}: a JWT (${JWT.exec(text)?.[0].slice(0, 24)}...)`] : []),
    ]);
    expect(leaks).toEqual([]);
    // The flow really was logged, with its secrets taken out (an empty log would pass the check above).
    const consoleLog = logs.find(({ file }) => /\/console-\d/.test(file))?.text ?? '';
    expect(consoleLog).toContain('/v1/links/pick-slot?token=[redacted]');
    expect(consoleLog).toContain('"set-cookie":"[redacted]"');
  });
});
