import { createEnvelope, EventEnvelope } from '@mentoring/contracts';
import { openServiceDataSource } from '@mentoring/persistence';
import { createTestDatabase, testKafka, testKafkaConnection, TestDatabase, uniqueName } from '@mentoring/testing';
import { IsInt, IsString } from 'class-validator';
import { MetricsService } from '@mentoring/observability';
import { Registry } from 'prom-client';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { EventHandler, MessagingLogger, MessagingRuntime, PermanentError } from '../src';

/** Test payload: which student, and the position of this event in that student's stream. */
export class CounterEventV1 {
  @IsString() studentId!: string;
  @IsInt() n!: number;
}
export const COUNTER_EVENT = 'testing.counter.v1';
export const COUNTER_TOPIC = 'testing.counters.v1';

/** A table the test handler writes, deliberately without a unique key: only the inbox dedupes. */
export class EffectsTable1732300000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE effects (event_id text NOT NULL, student_id text NOT NULL, n int NOT NULL, consumer text NOT NULL)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE effects');
  }
}

/** JSON lines on stderr, for runtimes and fixture processes that run without pino. */
export function consoleLogger(prefix: string): MessagingLogger {
  const write = (level: string) => (object: object, message?: string) =>
    process.stderr.write(`${JSON.stringify({ level, service: prefix, msg: message, ...object })}\n`);
  return { debug: () => undefined, info: write('info'), warn: write('warn'), error: write('error') };
}

export interface MessagingHarness {
  database: TestDatabase;
  dataSource: DataSource;
  namespace: string;
  close(): Promise<void>;
}

export async function openHarness(label: string): Promise<MessagingHarness> {
  const database = await createTestDatabase(label);
  const dataSource = await openServiceDataSource({ url: database.url, serviceName: label, migrations: [EffectsTable1732300000001] });
  return {
    database,
    dataSource,
    namespace: uniqueName(label),
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export function counterEvents(students: number, perStudent: number): EventEnvelope<CounterEventV1>[] {
  const events: EventEnvelope<CounterEventV1>[] = [];
  for (let n = 0; n < perStudent; n += 1) {
    for (let s = 0; s < students; s += 1) {
      const studentId = `student-${s}`;
      events.push(createEnvelope({ type: COUNTER_EVENT, source: 'test', subject: studentId, data: { studentId, n } }));
    }
  }
  return events;
}

/** A handler recording each effect; `reject` lets a test make it refuse some events (a domain rule). */
export function recordingHandler(consumer: string, reject?: (data: CounterEventV1) => boolean, delayMs = 0): EventHandler<CounterEventV1> {
  return {
    type: COUNTER_EVENT,
    payload: CounterEventV1,
    async handle({ envelope, data, manager }) {
      if (reject?.(data)) throw new PermanentError('handler-rejected', `student ${data.studentId} event ${data.n} is refused`);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await manager.query('INSERT INTO effects (event_id, student_id, n, consumer) VALUES ($1, $2, $3, $4)', [
        envelope.id,
        data.studentId,
        data.n,
        consumer,
      ]);
    },
  };
}

export function runtimeFor(harness: MessagingHarness, serviceName: string, overrides: Partial<ConstructorParameters<typeof MessagingRuntime>[0]> = {}) {
  return new MessagingRuntime({
    serviceName,
    kafkaConnection: testKafkaConnection(),
    databaseUrl: harness.database.url,
    dataSource: harness.dataSource,
    topicNamespace: harness.namespace,
    producesTo: [COUNTER_TOPIC],
    logger: consoleLogger(serviceName),
    ...overrides,
  });
}

export interface ReadMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning until `enough` says so (e.g. every expected id has arrived). */
export async function readTopic(topic: string, enough: (received: ReadMessage[]) => boolean): Promise<ReadMessage[]> {
  const kafka = testKafka();
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const received: ReadMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      received.push({ key: String(message.key), value: String(message.value), headers });
      if (enough(received)) done();
    },
  });
  const timeout = setTimeout(() => done(), 120_000);
  await finished;
  clearTimeout(timeout);
  await consumer.disconnect();
  return received;
}

/** Real metrics in a private registry, so a test can read what the consumer counted. */
export function createTestMetrics(): MetricsService {
  return new MetricsService(new Registry());
}

/** Whether the group has committed every partition of the topic up to its end (an empty partition counts). */
export async function committedToTheEnd(groupId: string, topic: string): Promise<boolean> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const latest = await admin.fetchTopicOffsets(topic);
    return latest.every(({ partition, high }) => high === '0' || committed.partitions.find((p) => p.partition === partition)?.offset === high);
  } finally {
    await admin.disconnect();
  }
}
