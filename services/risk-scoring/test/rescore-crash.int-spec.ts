import { createServer } from 'node:net';
import { developmentKeyFor, signToken } from '@mentoring/auth';
import {
  createTestDatabase,
  integrationEnv,
  killHard,
  spawnTsProcess,
  tailLog,
  TestDatabase,
  TestProcess,
  uniqueName,
  waitUntil,
} from '@mentoring/testing';
import { Client } from 'pg';
import { loweredAtRiskPolicy, outboxEmpty, RiskEventLog, seedProgramme, studentsExpectedToChange } from './support';

const PROGRAM = 'RSKB';
const STUDENTS = 5_000;
// Small chunks: the job takes a hundred transactions, so there is a "midway" to kill it in.
const CHUNK_SIZE = 50;

interface JobRow {
  id: string;
  status: string;
  students_assessed: number;
  standings_changed: number;
  finished_at: Date | null;
}

describe('risk-scoring: a re-score killed with SIGKILL midway', () => {
  let database: TestDatabase;
  let client: Client;
  let riskEvents: RiskEventLog | undefined;
  let running: TestProcess | undefined;
  let env: Record<string, string>;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('risk_crash');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: integrationEnv().kafkaBrokers.join(','),
      KAFKA_TOPIC_NAMESPACE: uniqueName('risk_crash'),
      PORT: String(port),
      RESCORE_CHUNK_SIZE: String(CHUNK_SIZE),
      RESCORE_POLL_INTERVAL_MS: '100',
      LOG_LEVEL: 'warn',
    };
    client = new Client({ connectionString: database.url });
  });

  afterAll(async () => {
    await riskEvents?.stop();
    if (running) await killHard(running);
    await client?.end().catch(() => undefined);
    await database?.drop();
  });

  const startService = (): TestProcess => {
    running = spawnTsProcess('services/risk-scoring/src/main.ts', env, 'risk-scoring-crash');
    return running;
  };

  const untilReady = async (started: TestProcess): Promise<void> => {
    const exitedEarly = started.exited.then((code) => {
      throw new Error(`risk-scoring exited (${code}) before it was ready:\n${tailLog(started)}`);
    });
    const ready = waitUntil('risk-scoring answers ready', async () => (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.status === 200);
    await Promise.race([ready, exitedEarly]);
    exitedEarly.catch(() => undefined);
  };

  const jobRow = async (id: string): Promise<JobRow> =>
    (await client.query<JobRow>('SELECT id, status, students_assessed, standings_changed, finished_at FROM rescore_jobs WHERE id = $1', [id])).rows[0];

  it('resumes from its cursor after a restart, and every changed student gets exactly one event', async () => {
    const first = startService();
    await untilReady(first);
    await client.connect();
    await seedProgramme(client, PROGRAM, STUDENTS);
    const events = await RiskEventLog.start(env.KAFKA_TOPIC_NAMESPACE);
    riskEvents = events;

    const response = await fetch(`${baseUrl}/v1/policies/${PROGRAM}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await signToken({ subject: 'coordinator-1', role: 'coordinator', programmes: [PROGRAM], audience: 'risk-scoring', key: developmentKeyFor('coordinator', { MENTORING_DEV_MODE: 'true' }) })}`, 'content-type': 'application/json' },
      body: JSON.stringify(loweredAtRiskPolicy()),
    });
    expect(response.status).toBe(200);
    const { rescoreJob } = (await response.json()) as { rescoreJob: { id: string } };

    await waitUntil('the job is a fifth of the way through', async () => (await jobRow(rescoreJob.id)).students_assessed >= STUDENTS / 5, { intervalMs: 5 });
    await killHard(first);
    running = undefined;
    const atKill = await jobRow(rescoreJob.id);
    expect(atKill.finished_at).toBeNull();
    expect(atKill.students_assessed).toBeLessThan(STUDENTS);

    // Not waiting for readiness: the new process's consumer waits for the group to drop the killed
    // member (its session timeout), while the re-score worker and the relay carry on at once.
    startService();
    const done = await waitUntil('the resumed job is done', async () => {
      const job = await jobRow(rescoreJob.id);
      return job.status === 'done' && job;
    });
    // Counted in the same transaction as the cursor: a chunk redone after the crash would show here.
    expect(done).toMatchObject({ students_assessed: STUDENTS, standings_changed: 1_250 });

    await waitUntil('every announced change is read', async () => (await outboxEmpty(client)) && events.caughtUp());
    // The relay publishes at least once (a crash between send and mark re-sends the same event id),
    // so "one event per change" means one event id per changed student.
    const eventIdsByStudent = new Map<string, Set<string>>();
    for (const event of events.events) {
      eventIdsByStudent.set(event.subject, (eventIdsByStudent.get(event.subject) ?? new Set()).add(event.id));
    }
    expect([...eventIdsByStudent.keys()].sort()).toEqual(studentsExpectedToChange(PROGRAM, STUDENTS));
    expect([...eventIdsByStudent.values()].every((ids) => ids.size === 1)).toBe(true);
    const history = await client.query('SELECT count(*)::int AS changes, count(DISTINCT student_id)::int AS students FROM standing_changes WHERE trigger_id = $1', [
      rescoreJob.id,
    ]);
    expect(history.rows[0]).toEqual({ changes: 1_250, students: 1_250 });

  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
