import { TokenRejectedError, TokenVerifier } from '@mentoring/auth';
import { DEFAULT_AUTH_ISSUER, DEV_CONSOLE_PUBLIC_KEY, DEV_JWT_SECRET, loadConfig } from '@mentoring/config';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ConsoleConfig } from '../config/console.config';
import { listOf, MentorReply, StudentReply } from '@mentoring/contracts';
import { ServiceApi, ServiceCallError, tokenRoleOf } from './service-api';

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
  let answer = '{}';

  beforeAll(async () => {
    server = createServer((request, response) => {
      authorizations.push(request.headers.authorization ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = new ServiceApi(loadConfig(ConsoleConfig, { MENTORING_DEV_MODE: 'true', GRADE_INGEST_URL: url, RISK_SCORING_URL: url }));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const lastToken = () => (authorizations.at(-1) ?? '').replace(/^Bearer /, '');

  it('signs each call for the service it goes to, as the console', async () => {
    await api.request('grade-ingest', 'GET', '/v1/anything', { role: 'coordinator', subject: 'c-1', programmes: ['MBBS'] });

    await expect(verifierFor('grade-ingest').principalFrom(lastToken())).resolves.toMatchObject({ role: 'coordinator', subject: 'c-1', programmes: ['MBBS'] });
    await expect(verifierFor('risk-scoring').principalFrom(lastToken())).rejects.toThrow(new TokenRejectedError('Token is for another service ("aud")'));
  });

  it('calls for an ops account as an operator, never as ops', async () => {
    await api.post('risk-scoring', '/v1/ops/dead-letters/x/replay', { role: 'ops', subject: 'ops-1' });

    await expect(verifierFor('risk-scoring').principalFrom(lastToken())).resolves.toMatchObject({ role: 'operator', subject: 'ops-1' });
  });

  describe('replies', () => {
    const student = { studentId: 's-1', program: 'MBBS', yearOfStudy: 2, displayName: 'Sam', timeZone: 'Europe/London', email: 's@example.org' };
    const caller = { role: 'student', subject: 's-1' } as const;

    afterEach(() => {
      answer = '{}';
    });

    it('returns a reply that matches its reply class as an instance of it', async () => {
      answer = JSON.stringify(student);

      const reply = await api.get('grade-ingest', '/v1/students/s-1', caller, StudentReply);

      expect(reply).toBeInstanceOf(StudentReply);
      expect(reply.timeZone).toBe('Europe/London');
    });

    it('refuses a reply with a renamed field as a 502 naming the route and the field', async () => {
      answer = JSON.stringify({ ...student, timeZone: undefined, zone: 'Europe/London' });

      const refused = api.get('grade-ingest', '/v1/students/s-1?fields=all', caller, StudentReply);

      await expect(refused).rejects.toBeInstanceOf(ServiceCallError);
      await expect(refused).rejects.toMatchObject({
        service: 'grade-ingest',
        status: 502,
        message: 'grade-ingest GET /v1/students/s-1 answered in an unexpected shape: timeZone timeZone must be a string',
        problems: [{ field: 'timeZone', problem: 'timeZone must be a string' }],
      });
    });

    it('refuses an object where a list is declared, and a list item missing a field', async () => {
      answer = '{"items":[]}';
      await expect(api.get('grade-ingest', '/v1/mentors', caller, listOf(MentorReply))).rejects.toMatchObject({ status: 502, problems: [{ field: '(root)', problem: 'must be a JSON array' }] });

      answer = JSON.stringify([{ mentorId: 'm-1' }]);
      const refused = api.post('grade-ingest', '/v1/mentors', caller, {}, listOf(MentorReply));
      await expect(refused).rejects.toMatchObject({ status: 502, problems: expect.arrayContaining([{ field: '0.displayName', problem: 'displayName must be a string' }]) });
    });
  });

  it('refuses to sign a machine role', () => {
    expect(() => tokenRoleOf('service')).toThrow('The console signs tokens for people only, not for the role "service"');
    expect(() => tokenRoleOf('registrar-feed')).toThrow();
  });
});
