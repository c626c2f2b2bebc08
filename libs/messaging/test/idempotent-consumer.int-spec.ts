import { createEnvelope, deadLetterTopic, ENVELOPE_HEADERS } from '@mentoring/contracts';
import { DeadLetterEntity } from '@mentoring/persistence';
import { testKafka, waitUntil } from '@mentoring/testing';
import { Client } from 'pg';
import { DEAD_LETTER_HEADERS, MessagingRuntime, TopicResolver } from '../src';
import {
  committedToTheEnd,
  COUNTER_EVENT,
  COUNTER_TOPIC,
  counterEvents,
  createTestMetrics,
  MessagingHarness,
  openHarness,
  readTopic,
  recordingHandler,
  runtimeFor,
} from './support';

describe('idempotent consumer against the real broker and database', () => {
  let harness: MessagingHarness;
  const running: MessagingRuntime[] = [];

  let group: string;

  beforeEach(async () => {
    harness = await openHarness('consumer');
    group = `counter-consumer-${harness.namespace}`;
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((runtime) => runtime.stop()));
    await harness.close();
  });

  const topic = () => new TopicResolver(harness.namespace).resolve(COUNTER_TOPIC);
  const effectCount = async () => Number((await harness.dataSource.query('SELECT count(*) AS n FROM effects'))[0].n);
  const doubledEffects = async () =>
    harness.dataSource.query('SELECT event_id, count(*) FROM effects GROUP BY event_id HAVING count(*) > 1');

  const metrics = createTestMetrics();
  const retryCount = async () => (await metrics.eventsFailed.get()).values.filter((v) => v.labels.reason === 'retry').reduce((sum, v) => sum + v.value, 0);

  async function startConsumer(serviceName: string, handler = recordingHandler(serviceName), consumerGroup = group) {
    const runtime = runtimeFor(harness, serviceName, { consumerGroup, metrics });
    runtime.subscribe({ topic: COUNTER_TOPIC, handlers: [handler] });
    await runtime.start();
    running.push(runtime);
    return runtime;
  }

  async function publishThroughOutbox(runtime: MessagingRuntime, events: ReturnType<typeof counterEvents>) {
    await harness.dataSource.transaction((manager) => runtime.outbox.append(manager, COUNTER_TOPIC, events));
  }

  async function produceRaw(messages: { key: string; value: string | Buffer; headers?: Record<string, string> }[]) {
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: topic(), messages });
    await producer.disconnect();
  }

  it('has exactly one effect per event when the group re-reads everything from the start', async () => {
    const events = counterEvents(10, 30);
    const runtime = await startConsumer('redelivery');
    await publishThroughOutbox(runtime, events);
    await waitUntil('every event has its effect', async () => (await effectCount()) === events.length);
    await runtime.stop();
    running.splice(running.indexOf(runtime), 1);

    const admin = testKafka().admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: group, topic: topic(), earliest: true });
    await admin.disconnect();

    await startConsumer('redelivery-again');
    const inboxRows = async () => Number((await harness.dataSource.query('SELECT count(*) AS n FROM inbox')).at(0).n);
    await waitUntil('the group has re-read the topic to its end', () => committedToTheEnd(group, topic()));
    expect(await effectCount()).toBe(events.length);
    expect(await inboxRows()).toBe(events.length);
    expect(await doubledEffects()).toEqual([]);
  });

  it('dead-letters poison messages with reasons, handles the good ones after them, and replays once fixed', async () => {
    let refuseStudentZero = true;
    const handler = recordingHandler('poison', (data) => refuseStudentZero && data.studentId === 'student-0' && data.n === 1);
    await startConsumer('poison', handler);
    const good = (n: number, studentId = 'student-0') =>
      createEnvelope({ type: COUNTER_EVENT, source: 'test', subject: studentId, data: { studentId, n } });
    const unknownMajor = { ...good(99), type: 'testing.counter.v2' };
    const invalidPayload = { ...good(98), data: { studentId: 'student-0', n: 'not a number' } };
    const rejected = good(1);
    const sequence = [
      { key: 'student-0', value: JSON.stringify(good(0)) },
      { key: 'student-0', value: '{not json' },
      { key: 'student-0', value: Buffer.from([0xff, 0xfe, 0x00]) },
      { key: 'student-0', value: JSON.stringify(unknownMajor), headers: { [ENVELOPE_HEADERS.id]: unknownMajor.id } },
      { key: 'student-0', value: JSON.stringify(invalidPayload) },
      { key: 'student-0', value: JSON.stringify(rejected), headers: { [ENVELOPE_HEADERS.id]: rejected.id } },
      { key: 'student-0', value: JSON.stringify(good(2)) },
      { key: 'student-0', value: JSON.stringify(good(3)) },
    ];
    await produceRaw(sequence);

    await waitUntil('the good events after the poison ones are handled', async () => (await effectCount()) === 3);
    const deadLetters = harness.dataSource.getRepository(DeadLetterEntity);
    await waitUntil('five dead letters are stored', async () => (await deadLetters.count()) === 5);
    const reasons = (await deadLetters.find({ order: { offset: 'ASC' } })).map((letter) => letter.reason);
    expect(reasons).toEqual(['invalid-json', 'invalid-encoding', 'unsupported-version', 'invalid-payload', 'handler-rejected']);

    const dlq = await readTopic(deadLetterTopic(topic()), (messages) => messages.length >= 5);
    expect(dlq.map((message) => message.headers[DEAD_LETTER_HEADERS.reason])).toEqual(reasons);
    expect(dlq[0].headers[DEAD_LETTER_HEADERS.originalTopic]).toBe(topic());
    expect(dlq[0].headers[DEAD_LETTER_HEADERS.originalOffset]).toBe('1');
    expect(dlq[0].headers[DEAD_LETTER_HEADERS.originalConsumerGroup]).toBe(group);
    expect(dlq[4].headers[DEAD_LETTER_HEADERS.exceptionMessage]).toContain('is refused');

    refuseStudentZero = false;
    const rejectedLetter = await deadLetters.findOneByOrFail({ reason: 'handler-rejected' });
    const runtime = running[0];
    const replay = await runtime.deadLetters.replay(rejectedLetter.id);
    expect(replay).toMatchObject({ status: 'replayed', outcome: 'handled' });
    await expect(runtime.deadLetters.replay(rejectedLetter.id)).rejects.toThrow(/only pending/);
    const effectsOfRejected = await harness.dataSource.query('SELECT count(*)::int AS n FROM effects WHERE event_id = $1', [rejected.id]);
    expect(effectsOfRejected[0].n).toBe(1);

    const stillBroken = await deadLetters.findOneByOrFail({ reason: 'invalid-json' });
    expect(await runtime.deadLetters.replay(stillBroken.id)).toMatchObject({ status: 'failed' });
    expect(await deadLetters.findOneByOrFail({ id: stillBroken.id })).toMatchObject({ status: 'pending', replayAttempts: 1 });
  });

  it('retries while its database is unreachable, then catches up with nothing lost or doubled', async () => {
    await startConsumer('db-outage', recordingHandler('db-outage', undefined, 2));
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const producer = testKafka().producer();
      await producer.connect();
      const events = counterEvents(20, 20);
      const toMessages = (slice: typeof events) =>
        slice.map((event) => ({ key: event.subject, value: JSON.stringify(event), headers: { [ENVELOPE_HEADERS.id]: event.id } }));
      await producer.send({ topic: topic(), messages: toMessages(events.slice(0, 100)) });
      await waitUntil('consumption has started', async () => (await effectCount()) > 0);

      // The outage: refuse new connections to the service database and cut the open ones.
      await admin.query(`ALTER DATABASE "${harness.database.name}" WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        harness.database.name,
      ]);
      await producer.send({ topic: topic(), messages: toMessages(events.slice(100)) });
      const failedBefore = await retryCount();
      await waitUntil('the consumer has hit the outage and is retrying', async () => (await retryCount()) > failedBefore);
      await admin.query(`ALTER DATABASE "${harness.database.name}" WITH ALLOW_CONNECTIONS true`);
      await producer.disconnect();

      await waitUntil('every event has its effect after the outage', async () => (await effectCount()) === events.length, { timeoutMs: 120_000 });
      expect(await doubledEffects()).toEqual([]);
      expect(await harness.dataSource.getRepository(DeadLetterEntity).count()).toBe(0);
    } finally {
      await admin.query(`ALTER DATABASE "${harness.database.name}" WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
    }
  });

  it('has no double effect and no loss when a second replica joins and the first leaves mid-stream', async () => {
    const events = counterEvents(30, 20);
    const [beforeJoin, whileBoth, afterLeave] = [events.slice(0, 200), events.slice(200, 400), events.slice(400)];
    const first = await startConsumer('replica-a', recordingHandler('replica-a', undefined, 5));
    await publishThroughOutbox(first, beforeJoin);
    await waitUntil('replica A is consuming', async () => (await effectCount()) > 20);
    await startConsumer('replica-b', recordingHandler('replica-b', undefined, 5));
    // Batches make A fast enough to finish on its own, so B gets its share only once it holds partitions.
    await waitUntil('both replicas hold partitions', async () => (await stableGroupMembers()) === 2);
    await publishThroughOutbox(first, whileBoth);
    await waitUntil('replica B has handled events', async () =>
      Number((await harness.dataSource.query("SELECT count(*) AS n FROM effects WHERE consumer = 'replica-b'"))[0].n) > 0,
    );
    await first.stop();
    running.splice(running.indexOf(first), 1);
    await publishThroughOutbox(running[0], afterLeave);

    await waitUntil('every event has its effect', async () => (await effectCount()) === events.length, { timeoutMs: 120_000 });
    expect(await doubledEffects()).toEqual([]);
  });

  /** Members of the settled group; three partitions over two members give each some. */
  async function stableGroupMembers(): Promise<number> {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([group]);
      return groups[0].state === 'Stable' ? groups[0].members.length : 0;
    } finally {
      await admin.disconnect();
    }
  }
});
