import { DeadLetterPageReply, ReplyMismatchError } from '@mentoring/contracts';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { OpsClient, ServiceEndpoint } from './ops-client';

const deadLetter = {
  id: '5f0c6a57-5c1e-4e0b-9a43-3f4b7d1d2a10',
  status: 'pending',
  reason: 'invalid-payload',
  error: { class: 'PermanentError', message: 'score must be a number' },
  origin: { topic: 'grades.submitted.v1', partition: 0, offset: '42', consumerGroup: 'grade-ingest' },
  eventType: 'grades.submitted.v1',
  replayAttempts: 0,
  lastReplayError: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  resolvedAt: null,
};

describe('OpsClient replies', () => {
  let server: Server;
  let service: ServiceEndpoint;
  let answer = '';

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    service = { name: 'grade-ingest', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const client = new OpsClient({ MENTORING_DEV_MODE: 'true' });

  it('returns a page of dead letters that matches the reply class', async () => {
    answer = JSON.stringify({ total: 1, items: [deadLetter] });

    const page = await client.json(service, '/v1/ops/dead-letters?status=pending', DeadLetterPageReply);

    expect(page.items[0].origin.offset).toBe('42');
  });

  it('refuses a page whose dead letters lost a field, naming the route and the field', async () => {
    const { origin: _origin, ...withoutOrigin } = deadLetter;
    answer = JSON.stringify({ total: 1, items: [{ ...withoutOrigin, source: deadLetter.origin }] });

    const refused = client.json(service, '/v1/ops/dead-letters?status=pending', DeadLetterPageReply);

    await expect(refused).rejects.toBeInstanceOf(ReplyMismatchError);
    await expect(refused).rejects.toThrow('grade-ingest GET /v1/ops/dead-letters answered in an unexpected shape: items.0.origin');
  });
});
