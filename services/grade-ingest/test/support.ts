import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseEventKind, caseEventType, CaseEventV1, createEnvelope, EventEnvelope, GradeRecordedV1, namespacedTopic, TOPICS } from '@mentoring/contracts';
import { startTestService, TestDatabase, TestService, testKafka, uniqueName, waitUntil } from '@mentoring/testing';
import { Consumer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { GradeIngestConfig } from '../src/config/grade-ingest.config';

export type GradeIngest = TestService<GradeIngestConfig>;

export interface StartOptions {
  namespace?: string;
  database?: TestDatabase;
  overrides?: Partial<GradeIngestConfig>;
}

/** grade-ingest in-process, with its own database, topic namespace and upload folder. */
export async function startGradeIngest(label: string, options: StartOptions = {}): Promise<GradeIngest> {
  const uploadDir = await mkdtemp(join(tmpdir(), `${label}-uploads-`));
  const service = await startTestService({
    configClass: GradeIngestConfig,
    appModule: (config) => AppModule.register(config),
    label,
    namespace: options.namespace,
    database: options.database,
    overrides: { UPLOAD_DIR: uploadDir, ...options.overrides },
  });
  return {
    ...service,
    close: async () => {
      await service.close();
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;

/** A valid grade submission with a fresh sourceRecordId. */
export function gradeRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    studentId: 'S-1001',
    program: 'MBBS',
    yearOfStudy: 2,
    courseCode: 'ANAT201',
    assessmentId: `anat201-quiz-${sequence}`,
    assessmentType: 'summative',
    score: 62,
    maxScore: 100,
    gradedAt: '2025-05-30T07:15:00Z',
    sourceRecordId: `${uniqueName('rec')}-${sequence}`,
    ...overrides,
  };
}

export function postGrades(service: GradeIngest, token: string, records: unknown[]) {
  return request(service.app.getHttpServer()).post('/v1/grades').set('authorization', token).send({ records });
}

/** The broker name of a contract topic in the service's namespace. */
export function topicOf(service: Pick<GradeIngest, 'namespace'>, topic: string): string {
  return namespacedTopic(topic, service.namespace);
}

export interface ReadMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Collects every message of some topics from the beginning, for the whole suite. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: string[]): Promise<TopicReader> {
    const consumer = testKafka().consumer({ groupId: uniqueName('reader'), sessionTimeout: 10_000 });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        reader.messages.push({ topic, key: String(message.key), value: String(message.value), headers });
      },
    });
    return reader;
  }

  on(topic: string): ReadMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  /** grades.recorded.v1 events of the service's namespace. */
  recorded(service: Pick<GradeIngest, 'namespace'>): EventEnvelope<GradeRecordedV1>[] {
    return this.on(topicOf(service, TOPICS.gradesRecorded)).map((message) => JSON.parse(message.value) as EventEnvelope<GradeRecordedV1>);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** Runs SQL against a service's database: its DataSource in-process, a pg client for a spawned service. */
export type SqlQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

export function sqlOf(dataSource: DataSource): SqlQuery {
  return (sql) => dataSource.query(sql);
}

/** Waits until the relay has published every outbox row, so the topics show all there is. */
export async function outboxPublished(query: SqlQuery): Promise<void> {
  await waitUntil('the outbox is published', async () => {
    const [{ unsent }] = await query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
    return unsent === 0;
  });
}

/** Messages a topic holds, from the partition offsets (no consumer needed). */
export async function messageCount(topic: string): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}

/** A mentoring.case-<kind>.v1 envelope: the case as mentor-matching publishes it after a change. */
export function caseEvent(
  kind: CaseEventKind,
  snapshot: Partial<CaseEventV1> & Pick<CaseEventV1, 'studentId' | 'caseId' | 'status'> & { mentorId: string | null },
): EventEnvelope<CaseEventV1> {
  const { mentorId, ...fields } = snapshot;
  const data: CaseEventV1 = {
    kind,
    program: 'MBBS',
    yearOfStudy: 2,
    phase: 'ice-breaking',
    riskLevel: 'watch',
    student: { id: snapshot.studentId, displayName: 'Sam', email: null, timeZone: 'Europe/London' },
    mentor: mentorId === null ? null : { id: mentorId, displayName: 'Dr Lee', email: null, timeZone: 'Europe/London' },
    reasons: [],
    weakCourses: [],
    proposedSlots: [],
    occurredAt: new Date().toISOString(),
    ...fields,
  };
  return createEnvelope({ type: caseEventType(kind), source: 'mentor-matching', subject: data.studentId, data });
}

/** Publishes envelopes on a contract topic of the service's namespace, keyed by student as the services do. */
export async function publishEvents(service: Pick<GradeIngest, 'namespace'>, topic: string, envelopes: EventEnvelope[]): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: topicOf(service, topic), messages: envelopes.map((envelope) => ({ key: envelope.subject, value: JSON.stringify(envelope) })) });
  } finally {
    await producer.disconnect();
  }
}
