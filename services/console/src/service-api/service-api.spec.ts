import { TokenRejectedError, TokenVerifier } from '@mentoring/auth';
import { DEFAULT_AUTH_ISSUER, DEV_CONSOLE_PUBLIC_KEY, DEV_JWT_SECRET, loadConfig } from '@mentoring/config';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ConsoleConfig } from '../config/console.config';
import { ServiceApi, tokenRoleOf } from './service-api';

const verifierFor = (audience: string) =>
  new TokenVerifier({
    audience,
    maxLifetimeSeconds: 3600,
    machine: { issuer: DEFAULT_AUTH_ISSUER, secret: DEV_JWT_SECRET },
    console: { publicKey: DEV_CONSOLE_PUBLIC_KEY },
  });

describe('ServiceApi tokens', () => {
  let server: Server;
  let api: ServiceApi;
  const authorizations: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      authorizations.push(request.headers.authorization ?? '');
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = new ServiceApi(loadConfig(ConsoleConfig, { MENTORING_DEV_MODE: 'true', GRADE_INGEST_URL: url, RISK_SCORING_URL: url }));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const lastToken = () => (authorizations.at(-1) ?? '').replace(/^Bearer /, '');

  it('signs each call for the service it goes to, as the console', async () => {
    await api.get('grade-ingest', '/v1/anything', { role: 'coordinator', subject: 'c-1', programmes: ['MBBS'] });

    await expect(verifierFor('grade-ingest').principalFrom(lastToken())).resolves.toMatchObject({ role: 'coordinator', subject: 'c-1', programmes: ['MBBS'] });
    await expect(verifierFor('risk-scoring').principalFrom(lastToken())).rejects.toThrow(new TokenRejectedError('Token is for another service ("aud")'));
  });

  it('calls for an ops account as an operator, never as ops', async () => {
    await api.post('risk-scoring', '/v1/ops/dead-letters/x/replay', { role: 'ops', subject: 'ops-1' });

    await expect(verifierFor('risk-scoring').principalFrom(lastToken())).resolves.toMatchObject({ role: 'operator', subject: 'ops-1' });
  });

  it('refuses to sign a machine role', () => {
    expect(() => tokenRoleOf('service')).toThrow('The console signs tokens for people only, not for the role "service"');
    expect(() => tokenRoleOf('registrar-feed')).toThrow();
  });
});
