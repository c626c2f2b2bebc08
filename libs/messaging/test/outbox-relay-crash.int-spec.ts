import { integrationEnv, killHard, spawnTsProcess, waitUntil } from '@mentoring/testing';
import { OutboxWriter, TopicResolver } from '../src';
import { COUNTER_TOPIC, counterEvents, MessagingHarness, openHarness, readTopic } from './support';

const TOTAL = 10_000;
const STUDENTS = 200;

describe('outbox relay under SIGKILL', () => {
  let harness: MessagingHarness;

  beforeAll(async () => {
    harness = await openHarness('relay_crash');
  });
  afterAll(() => harness.close());

  const unsentCount = async () => Number((await harness.dataSource.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n);

  it('publishes all 10,000 events, in order per key, after being killed mid-publish and restarted', async () => {
    const events = counterEvents(STUDENTS, TOTAL / STUDENTS);
    const writer = new OutboxWriter(new TopicResolver(harness.namespace), 'test');
    await harness.dataSource.transaction((manager) => writer.append(manager, COUNTER_TOPIC, events));

    const env = {
      DATABASE_URL: harness.database.url,
      KAFKA_BROKERS: integrationEnv().kafkaBrokers.join(','),
      TOPIC_NAMESPACE: harness.namespace,
      // Small batches keep the relay mid-publish long enough to be killed there.
      RELAY_BATCH_SIZE: '25',
    };
    const first = spawnTsProcess('libs/messaging/test/fixtures/run-relay.ts', env, 'relay-first');
    await waitUntil('the relay has published part of the outbox', async () => (await unsentCount()) < TOTAL - 500, { timeoutMs: 90_000, intervalMs: 20 });
    await killHard(first);
    const unsentAtKill = await unsentCount();
    expect(unsentAtKill).toBeGreaterThan(0);

    const second = spawnTsProcess('libs/messaging/test/fixtures/run-relay.ts', env, 'relay-second');
    await waitUntil('the restarted relay has published everything', async () => (await unsentCount()) === 0, { timeoutMs: 120_000 });
    await killHard(second);

    const distinctIds = new Set<string>();
    const received = await readTopic(new TopicResolver(harness.namespace).resolve(COUNTER_TOPIC), (messages) => {
      distinctIds.add(JSON.parse(messages[messages.length - 1].value).id);
      return distinctIds.size >= TOTAL;
    });
    const firstSeen = new Map<string, { key: string; n: number }>();
    for (const message of received) {
      const envelope = JSON.parse(message.value);
      if (!firstSeen.has(envelope.id)) firstSeen.set(envelope.id, { key: message.key, n: envelope.data.n });
    }
    expect(firstSeen.size).toBe(TOTAL);
    expect(new Set(firstSeen.keys())).toEqual(new Set(events.map((event) => event.id)));

    const lastPerKey = new Map<string, number>();
    for (const { key, n } of firstSeen.values()) {
      expect(n).toBeGreaterThan(lastPerKey.get(key) ?? -1);
      lastPerKey.set(key, n);
    }
  });
});
