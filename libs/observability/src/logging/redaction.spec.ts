import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from './log-options';
import { redactHeaders, REDACTED, scrubSecrets, serializeError, serializeRequest, serializeResponse } from './redaction';

const LINK_TOKEN = 'eyJjbGFpbXMiOnsiYWN0aW9uIjoicGljay1zbG90In19.c2lnbmF0dXJlLW9mLXRoZS1saW5r';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJNLTEiLCJyb2xlIjoibWVudG9yIn0.dGhlLXNpZ25hdHVyZQ';
const SESSION = 's3ss10n-c00k1e-v4lue-0123456789abcdef';

function request(url: string, headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = url;
  req.headers = headers;
  return req;
}

function captureLines() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe('scrubSecrets', () => {
  it('removes a link token from a URL and keeps the rest of it', () => {
    expect(scrubSecrets(`/v1/links/pick-slot?token=${LINK_TOKEN}&focus=1`)).toBe(`/v1/links/pick-slot?token=${REDACTED}&focus=1`);
    expect(scrubSecrets(`https://console.example.edu/v1/links/inbox?lang=en&token=${LINK_TOKEN}`)).toBe(`https://console.example.edu/v1/links/inbox?lang=en&token=${REDACTED}`);
  });

  it('removes a link token from a URL carried, percent-encoded, inside another URL', () => {
    const next = `/sign-in?next=${encodeURIComponent(`/v1/links/accept-case?token=${LINK_TOKEN}`)}`;
    expect(scrubSecrets(next)).not.toContain(LINK_TOKEN);
    expect(scrubSecrets(`/x?next=${encodeURIComponent(next)}`)).not.toContain(LINK_TOKEN);
  });

  it('removes bearer tokens, JWTs, passwords in URLs and password parameters', () => {
    expect(scrubSecrets(`Authorization: Bearer ${JWT}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubSecrets(`the token ${JWT} was refused`)).toBe(`the token ${REDACTED} was refused`);
    expect(scrubSecrets('connect smtps://mailer:Hunter2-smtp@smtp.example.edu:465 failed')).toBe(`connect smtps://mailer:${REDACTED}@smtp.example.edu:465 failed`);
    expect(scrubSecrets('/reset?password=hunter2&user=a')).toBe(`/reset?password=${REDACTED}&user=a`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'GET /v1/students/S-1/grades?limit=20 answered 200 in 12 ms (case 7f1c, tokens of course)';
    expect(scrubSecrets(text)).toBe(text);
  });
});

describe('redactHeaders', () => {
  it('replaces credentials and scrubs URLs in Location and Referer', () => {
    const headers = redactHeaders({
      authorization: `Bearer ${JWT}`,
      cookie: `console_session=${SESSION}`,
      'set-cookie': [`console_session=${SESSION}; Path=/; HttpOnly`],
      location: `/v1/links/pick-slot?token=${LINK_TOKEN}`,
      referer: `http://127.0.0.1:3000/v1/links/preferences?token=${LINK_TOKEN}`,
      accept: 'text/html',
    });
    expect(headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      location: `/v1/links/pick-slot?token=${REDACTED}`,
      referer: `http://127.0.0.1:3000/v1/links/preferences?token=${REDACTED}`,
      accept: 'text/html',
    });
  });
});

describe('serializers', () => {
  it('log a request without its link token, cookie or bearer token', () => {
    const req = request(`/v1/links/pick-slot?token=${LINK_TOKEN}`, { cookie: `console_session=${SESSION}`, authorization: `Bearer ${JWT}`, referer: `/v1/links/inbox?token=${LINK_TOKEN}` });
    const serialized = JSON.stringify(serializeRequest(req));
    for (const secret of [LINK_TOKEN, SESSION, JWT]) expect(serialized).not.toContain(secret);
    expect(serializeRequest(req)).toMatchObject({ method: 'GET', url: `/v1/links/pick-slot?token=${REDACTED}` });
  });

  it("log Express's original URL, which is the one with the query", () => {
    const req = Object.assign(request('/', {}), { originalUrl: `/v1/links/slot?token=${LINK_TOKEN}` });
    expect(serializeRequest(req).url).toBe(`/v1/links/slot?token=${REDACTED}`);
  });

  it('log a response without Set-Cookie or the token in Location', () => {
    const res = new ServerResponse(request('/', {}));
    res.statusCode = 303;
    res.setHeader('set-cookie', [`console_session=${SESSION}; Path=/; HttpOnly`]);
    res.setHeader('location', `/v1/links/pick-slot?token=${LINK_TOKEN}`);
    const serialized = serializeResponse(res);
    expect(serialized).toMatchObject({ statusCode: 303, headers: { 'set-cookie': REDACTED, location: `/v1/links/pick-slot?token=${REDACTED}` } });
    expect(JSON.stringify(serialized)).not.toContain(SESSION);
  });

  it('log an error whose message and stack echo a URL with a token', () => {
    const error = new Error(`GET http://127.0.0.1:3004/v1/links/verify?token=${LINK_TOKEN} failed`);
    const serialized = serializeError(error);
    expect(JSON.stringify(serialized)).not.toContain(LINK_TOKEN);
    expect(serialized).toMatchObject({ type: 'Error', message: `GET http://127.0.0.1:3004/v1/links/verify?token=${REDACTED} failed` });
  });
});

describe('a service logger', () => {
  it('writes no credential from requests, responses, errors, fields or messages', () => {
    const { lines, destination } = captureLines();
    const logger = createLogger('console', { destination });
    const req = request(`/v1/links/pick-slot?token=${LINK_TOKEN}`, { cookie: `console_session=${SESSION}` });
    const res = new ServerResponse(req);
    res.setHeader('set-cookie', `console_session=${SESSION}`);

    logger.info({ req, res }, 'request completed');
    logger.warn({ err: new Error(`redirect to /v1/links/inbox?token=${LINK_TOKEN}`) }, 'failed');
    logger.warn({ detail: { url: `/v1/links/inbox?token=${LINK_TOKEN}`, smtp: 'smtp://u:Hunter2-smtp@mail' }, password: 'correct horse battery' }, 'delivery');
    logger.error(`calling /v1/links/verify?token=${LINK_TOKEN} with Bearer ${JWT}`);
    logger.info({ token: LINK_TOKEN, payload: { linkToken: LINK_TOKEN } }, 'fields named like secrets');

    const written = lines.join('\n');
    for (const secret of [LINK_TOKEN, SESSION, JWT, 'Hunter2-smtp', 'correct horse battery']) expect(written).not.toContain(secret);
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0])).toMatchObject({ req: { url: `/v1/links/pick-slot?token=${REDACTED}` }, res: { headers: { 'set-cookie': REDACTED } } });
  });
});
