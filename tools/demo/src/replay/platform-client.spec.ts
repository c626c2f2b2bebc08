import { CaseTimingReportReply } from '@mentoring/contracts';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PlatformClient } from './platform-client';

describe('PlatformClient replies', () => {
  let server: Server;
  let client: PlatformClient;
  let answer = '';
  const coordinator = { role: 'coordinator', subject: 'demo-coordinator', programmes: ['MBBS'] } as const;
  const duration = { count: 2, medianHours: 5, p90Hours: null };
  const timing = { flagToFirstContact: duration, flagToFirstMeeting: duration, byStatus: { open: 0, waitlisted: 1, matched: 2, active: 3, closed: 0 } };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new PlatformClient({ 'grade-ingest': url, 'risk-scoring': url, 'mentor-matching': url, notification: url }, { MENTORING_DEV_MODE: 'true' });
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('returns a case-timing report that matches its reply class', async () => {
    answer = JSON.stringify(timing);

    const report = await client.json('mentor-matching', coordinator, '/v1/reports/case-timing', CaseTimingReportReply);

    expect(report.byStatus.active).toBe(3);
  });

  it('refuses a report whose counts were renamed, naming the route and the field', async () => {
    const { byStatus, ...rest } = timing;
    answer = JSON.stringify({ ...rest, casesByStatus: byStatus });

    await expect(client.json('mentor-matching', coordinator, '/v1/reports/case-timing?program=MBBS', CaseTimingReportReply)).rejects.toThrow(
      'mentor-matching GET /v1/reports/case-timing answered in an unexpected shape: byStatus byStatus must be an object',
    );
  });
});
