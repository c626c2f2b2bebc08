import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentKeyFor, signToken } from '@mentoring/auth';
import { TOPICS } from '@mentoring/contracts';
import { createTestDatabase, integrationEnv, killHard, spawnTsProcess, stopGracefully, tailLog, TestDatabase, TestProcess, uniqueName, waitUntil } from '@mentoring/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { writeOneRosterFixture } from '../src/imports/oneroster/testing/oneroster-fixture';
import { freePort, GradeIngest, outboxPublished, SqlQuery, sqlOf, startGradeIngest, TopicReader, topicOf } from './support';

interface Progress {
  status: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  lastRow: number;
  totalRecords: number | null;
}

/** Every grade is stored once (one version per identity), and has exactly one event on Kafka (relay re-sends share its id). */
async function expectRecordedExactlyOnce(query: SqlQuery, reader: TopicReader, namespace: string, accepted: number): Promise<void> {
  const [stored] = await query(
    `SELECT count(*)::int AS versions, count(DISTINCT (feed, source_record_id))::int AS identities, max(version) AS latest FROM grades`,
  );
  expect(stored).toEqual({ versions: accepted, identities: accepted, latest: 1 });
  const events = await waitUntil(`${accepted} events are read`, () => {
    const read = reader.recorded({ namespace });
    return new Set(read.map((event) => event.data.gradeId)).size >= accepted && read;
  });
  const eventIdsByGrade = new Map<string, Set<string>>();
  for (const event of events) eventIdsByGrade.set(event.data.gradeId, (eventIdsByGrade.get(event.data.gradeId) ?? new Set()).add(event.id));
  expect(eventIdsByGrade.size).toBe(accepted);
  expect([...eventIdsByGrade.values()].every((ids) => ids.size === 1)).toBe(true);
  const storedIds = (await query('SELECT grade_id AS "gradeId" FROM grades')).map((row) => String(row.gradeId));
  expect(new Set(storedIds)).toEqual(new Set(eventIdsByGrade.keys()));
}

describe('interrupted imports', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oneroster-recovery-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hands an import over on graceful shutdown, and POST /resume finishes it on another replica without recording anything twice', async () => {
    const database = await createTestDatabase('grade_ingest_handover');
    const namespace = uniqueName('grade_ingest_handover');
    const overrides = { UPLOAD_DIR: join(dir, 'handover'), IMPORT_SWEEP_SECONDS: 0, IMPORT_BATCH_SIZE: 100 };
    const fixture = await writeOneRosterFixture(join(dir, 'handover-set'), { results: 10_000, malformedEvery: 500 });
    let first: GradeIngest | undefined = await startGradeIngest('grade_ingest_handover', { database, namespace, overrides });
    let second: GradeIngest | undefined;
    const reader = await TopicReader.start([topicOf({ namespace }, TOPICS.gradesRecorded)]);
    try {
      const token = await first.bearer('registrar-feed', 'sis-handover');
      const post = request(first.app.getHttpServer()).post('/v1/imports/oneroster').set('authorization', token);
      for (const [name, path] of Object.entries(fixture.files)) post.attach('files', path, name);
      const { importId } = (await post.expect(202)).body;
      const reportOn = (service: GradeIngest) => async (): Promise<Progress> =>
        (await request(service.app.getHttpServer()).get(`/v1/imports/${importId}`).set('authorization', token).expect(200)).body;
      await waitUntil('the import has persisted some batches', async () => (await reportOn(first as GradeIngest)()).rowsRead >= 1000);

      await first.close();
      first = undefined;
      second = await startGradeIngest('grade_ingest_handover', { database, namespace, overrides });
      const paused = await reportOn(second)();
      expect(paused).toMatchObject({ status: 'processing' });
      expect(paused.rowsRead).toBeLessThan(10_000);

      await request(second.app.getHttpServer()).post(`/v1/imports/${importId}/resume`).set('authorization', token).expect(202);
      await request(second.app.getHttpServer()).post(`/v1/imports/${importId}/resume`).set('authorization', token).expect(409);
      const done = await waitUntil('the resumed import completes', async () => {
        const current = await reportOn(second as GradeIngest)();
        return current.status === 'completed' && current;
      });

      expect(done).toMatchObject({ rowsRead: 10_000, rejected: fixture.malformedRows.length, accepted: 10_000 - fixture.malformedRows.length });
      const dataSource = second.app.get(DataSource);
      await outboxPublished(sqlOf(dataSource));
      await expectRecordedExactlyOnce(sqlOf(dataSource), reader, namespace, done.accepted);
    } finally {
      await reader.stop();
      await first?.close();
      await second?.close();
      await database.drop();
    }
  });

  describe('kill -9 during a big import', () => {
    let database: TestDatabase;
    let namespace: string;
    let env: Record<string, string>;
    let service: TestProcess | undefined;
    let client: Client;
    let reader: TopicReader;

    beforeAll(async () => {
      database = await createTestDatabase('grade_ingest_crash');
      namespace = uniqueName('grade_ingest_crash');
      env = {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: integrationEnv().kafkaBrokers.join(','),
        KAFKA_TOPIC_NAMESPACE: namespace,
        PORT: String(await freePort()),
        UPLOAD_DIR: join(dir, 'crash'),
        IMPORT_LEASE_SECONDS: '2',
        IMPORT_SWEEP_SECONDS: '1',
        LOG_LEVEL: 'warn',
      };
      client = new Client({ connectionString: database.url });
    });

    afterAll(async () => {
      await reader?.stop();
      if (service) await stopGracefully(service);
      await client?.end();
      await database?.drop();
    });

    async function startProcess(label: string): Promise<request.Agent> {
      service = spawnTsProcess('services/grade-ingest/src/main.ts', env, label);
      const api = request.agent(`http://127.0.0.1:${env.PORT}`);
      const running = service;
      const exited = running.exited.then(() => Promise.reject(new Error(`${label} exited:\n${tailLog(running)}`)));
      await Promise.race([waitUntil(`${label} is ready`, async () => (await api.get('/health/ready')).status === 200), exited]);
      return api;
    }

    it('resumes on restart and records every grade exactly once', async () => {
      const fixture = await writeOneRosterFixture(join(dir, 'crash-set'), { results: 30_000, malformedEvery: 1000 });
      const token = `Bearer ${await signToken({ subject: 'sis-crash', role: 'registrar-feed', audience: 'grade-ingest', key: developmentKeyFor('registrar-feed', { MENTORING_DEV_MODE: 'true' }) })}`;
      let api = await startProcess('grade-ingest-crash-1');
      reader = await TopicReader.start([topicOf({ namespace }, TOPICS.gradesRecorded)]);
      const post = api.post('/v1/imports/oneroster').set('authorization', token);
      for (const [name, path] of Object.entries(fixture.files)) post.attach('files', path, name);
      const { importId } = (await post.expect(202)).body;
      const progress = async (): Promise<Progress> => (await api.get(`/v1/imports/${importId}`).set('authorization', token).expect(200)).body;

      const atKill = await waitUntil('the import shows progress', async () => {
        const current = await progress();
        return current.rowsRead > 0 && current;
      });
      await killHard(service as TestProcess);
      service = undefined;
      expect(atKill.status).toBe('processing');

      api = await startProcess('grade-ingest-crash-2');
      const done = await waitUntil('the import completes after the restart', async () => {
        const current = await progress();
        return current.status === 'completed' && current;
      });

      const bad = fixture.malformedRows.length;
      expect(done).toMatchObject({ rowsRead: 30_000, totalRecords: 30_000, accepted: 30_000 - bad, rejected: bad });
      await client.connect();
      const query: SqlQuery = async (sql) => (await client.query(sql)).rows;
      await outboxPublished(query);
      await expectRecordedExactlyOnce(query, reader, namespace, done.accepted);
      const [rejections] = (await client.query('SELECT count(*)::int AS rows FROM import_rejections')).rows;
      expect(rejections.rows).toBe(bad);
    });
  });
});
