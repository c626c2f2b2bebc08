import { DEV_CONSOLE_PUBLIC_KEY, DEV_CONSOLE_SIGNING_KEY } from '@mentoring/config';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TokenKeysUnavailableError, TokenRejectedError, TokenVerifier } from './token-verifier';

const ISSUER = 'https://idp.example.test';
const AUDIENCE = 'risk-scoring';
const LIMITS = { audience: AUDIENCE, maxLifetimeSeconds: 3600 };
const CONSOLE = { publicKey: DEV_CONSOLE_PUBLIC_KEY };

async function serveJwks(jwks: object): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` };
}

describe('TokenVerifier with a JWKS URL', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let signWithKnownKey: (role: string) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = await serveJwks({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
    server = jwks.server;
    verifier = new TokenVerifier({ ...LIMITS, machine: { jwksUrl: jwks.url, secret: 'ignored-when-a-key-set-is-configured', issuer: ISSUER }, console: CONSOLE });
    signWithKnownKey = (role) =>
      new SignJWT({ role })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('m-7')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('accepts a token signed by a key in the set', async () => {
    await expect(verifier.principalFrom(await signWithKnownKey('service'))).resolves.toMatchObject({ subject: 'm-7', role: 'service' });
  });

  it('refuses a person role from the machine key set', async () => {
    await expect(verifier.principalFrom(await signWithKnownKey('mentor'))).rejects.toThrow(TokenRejectedError);
  });

  it('rejects an HS256 token even when it is signed with the configured secret', async () => {
    const hs256 = await new SignJWT({ role: 'ops' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('ignored-when-a-key-set-is-configured'));

    await expect(verifier.principalFrom(hs256)).rejects.toThrow(TokenRejectedError);
  });

  it('rejects a token signed by a key outside the set', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const stranger = await new SignJWT({ role: 'ops' })
      .setProtectedHeader({ alg: 'ES256', kid: 'other' })
      .setSubject('mallory')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

    await expect(verifier.principalFrom(stranger)).rejects.toThrow(new TokenRejectedError('Token was signed with an unknown key'));
  });
});

describe('TokenVerifier when the key set cannot be reached', () => {
  it('reports the keys as unavailable rather than blaming the token', async () => {
    const { server, url } = await serveJwks({});
    await new Promise((resolve) => server.close(resolve));
    const verifier = new TokenVerifier({ ...LIMITS, machine: { jwksUrl: url, issuer: ISSUER }, console: CONSOLE });
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ role: 'ops' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('a')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

    await expect(verifier.principalFrom(token)).rejects.toThrow(TokenKeysUnavailableError);
  });
});

describe('TokenVerifier and the programmes claim', () => {
  const secret = 'a-test-secret-that-is-at-least-32-characters-long';
  const verifier = new TokenVerifier({ ...LIMITS, machine: { secret, issuer: 'mentoring-platform' }, console: CONSOLE });
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ role: 'coordinator', ...claims })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('c-1')
      .setIssuer('mentoring-console')
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(createPrivateKey(DEV_CONSOLE_SIGNING_KEY));

  it('gives a coordinator the programmes the token names', async () => {
    await expect(verifier.principalFrom(await sign({ programmes: ['MBBS', 'MD'] }))).resolves.toMatchObject({ programmes: ['MBBS', 'MD'] });
  });

  it('gives no programmes when the claim is absent', async () => {
    await expect(verifier.principalFrom(await sign({}))).resolves.toMatchObject({ programmes: [] });
  });

  it.each([['MBBS'], [[1]], [['']]])('refuses a programmes claim that is not a list of codes (%j)', async (programmes) => {
    await expect(verifier.principalFrom(await sign({ programmes }))).rejects.toBeInstanceOf(TokenRejectedError);
  });
});
