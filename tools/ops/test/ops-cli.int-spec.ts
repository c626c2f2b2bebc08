import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createEnvelope, namespacedTopic } from '@mentoring/contracts';
import {
  createTestDatabase,
  integrationEnv,
  spawnTsProcess,
  stopGracefully,
  tailLog,
  testKafka,
  TestDatabase,
  TestProcess,
  uniqueName,
  waitUntil,
} from '@mentoring/testing';
import { Client } from 'pg';

// The ops CLI against a real service process: a refused event becomes a dead letter, the CLI lists
// it, the cause is fixed, the CLI replays it, and the event has its one effect. Then SIGTERM: the
// service drains and exits cleanly.
const repoRoot = path.resolve(__dirname, '../../..');
const PORT = 3990;
const UNREACHABLE = 'http://127.0.0.1:9';

function ops(...args: string[]) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/ops/src/main.ts', ...args, '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.base.json'),
      // The CLI signs with the public development key, which it uses only in development mode.
      MENTORING_DEV_MODE: 'true',
      GRADE_INGEST_URL: `http://127.0.0.1:${PORT}`,
      RISK_SCORING_URL: UNREACHABLE,
      MENTOR_MATCHING_URL: UNREACHABLE,
      NOTIFICATION_URL: UNREACHABLE,
    },
  });
  if (result.status !== 0) throw new Error(`ops ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('ops CLI against a running service', () => {
  let database: TestDatabase;
  let service: TestProcess;
  let db: Client;
  const namespace = uniqueName('ops_cli');

  beforeAll(async () => {
    database = await createTestDatabase('ops_cli');
    service = spawnTsProcess(
      'libs/platform/test/fixtures/run-service.ts',
      // It stands in for grade-ingest, so it accepts the tokens the CLI signs for grade-ingest.
      { DATABASE_URL: database.url, KAFKA_BROKERS: integrationEnv().kafkaBrokers.join(','), KAFKA_TOPIC_NAMESPACE: namespace, PORT: String(PORT), LOG_LEVEL: 'warn', AUTH_AUDIENCE: 'grade-ingest' },
      'ops-fixture',
    );
    await waitUntil('the fixture service is ready', async () => (await fetch(`http://127.0.0.1:${PORT}/health/ready`)).ok, { timeoutMs: 90_000 }).catch(
      (error) => {
        throw new Error(`${error.message}\n${tailLog(service)}`);
      },
    );
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    if (service.child.exitCode === null) await stopGracefully(service);
    await database?.drop();
  });

  const effects = async () => Number((await db.query('SELECT count(*) AS n FROM effects')).rows[0].n);

  it('lists a dead letter, replays it once its cause is fixed, and reports the pipeline status', async () => {
    await db.query("INSERT INTO blocked_students (student_id) VALUES ('student-7')");
    const producer = testKafka().producer();
    await producer.connect();
    const events = [6, 7, 8].map((n) =>
      createEnvelope({ type: 'testing.counter.v1', source: 'test', subject: `student-${n}`, data: { studentId: `student-${n}`, n } }),
    );
    await producer.send({
      topic: namespacedTopic('testing.counters.v1', namespace),
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
    await producer.disconnect();
    await waitUntil('the two allowed events have their effects', async () => (await effects()) === 2);

    const listed = await waitUntil('the CLI lists the refused event', () => {
      const rows = ops('dlq', 'list');
      return rows.length === 1 ? rows : undefined;
    });
    expect(listed[0]).toMatchObject({ service: 'grade-ingest', status: 'pending', reason: 'handler-rejected' });
    expect(listed[0].error).toContain('student-7 is blocked');

    const stillBlocked = ops('dlq', 'replay', listed[0].id);
    expect(stillBlocked.status).toBe('failed');

    await db.query("DELETE FROM blocked_students WHERE student_id = 'student-7'");
    const replayed = ops('dlq', 'replay', listed[0].id);
    expect(replayed).toMatchObject({ status: 'replayed', outcome: 'handled' });
    expect(await effects()).toBe(3);
    expect(ops('dlq', 'list')).toEqual([]);

    const status = ops('status');
    expect(status.find((row: { service: string }) => row.service === 'grade-ingest')).toMatchObject({ state: 'ready', deadLettersPending: 0 });
  });

  it('drains and exits cleanly on SIGTERM, leaving nothing unpublished', async () => {
    const exitCode = await stopGracefully(service);
    expect(exitCode).toBe(0);
    const unsent = await db.query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
    expect(unsent.rows[0].n).toBe(0);
  });
});
