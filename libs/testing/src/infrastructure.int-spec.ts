import { Client } from 'pg';
import { createTestDatabase, testKafka, uniqueName, waitUntil } from './test-infrastructure';

// Proves the harness reaches a real broker (kafkajs 2.2.4 against the pinned Kafka) and a real
// PostgreSQL server, with per-suite isolation.
describe('test infrastructure', () => {
  it('produces to and consumes from the real Kafka broker', async () => {
    const kafka = testKafka();
    const topic = uniqueName('harness_roundtrip');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({ key: `student-${i % 5}`, value: `message-${i}` }));
    await producer.send({ topic, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('harness_group') });
    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
    await waitUntil('all 30 messages are consumed', () => received.length >= 30);
    await consumer.disconnect();

    expect(received.sort()).toEqual(sent.map((m) => m.value).sort());
  });

  it('writes to and reads from a per-suite PostgreSQL database', async () => {
    const database = await createTestDatabase('harness');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE probe (id serial PRIMARY KEY, note text NOT NULL)');
      await client.query("INSERT INTO probe (note) VALUES ('written'), ('read back')");
      const { rows } = await client.query('SELECT note FROM probe ORDER BY id');
      expect(rows.map((row) => row.note)).toEqual(['written', 'read back']);
      const { rows: current } = await client.query('SELECT current_database() AS name');
      expect(current[0].name).toBe(database.name);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
