import { Producer, ProducerBatch } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MessagingMetrics } from '../metrics';
import { silentLogger } from '../testing/fake-database';
import { OutboxRelay } from './outbox-relay';

interface OutboxRow {
  id: string;
  sequence: number;
  topic: string;
  aggregateid: string;
  payload: string;
  headers: Record<string, string>;
  sent: boolean;
  attempts: number;
  lastError?: string;
}

/** The outbox table as the relay queries it; every statement lands in `log`. */
class FakeOutbox {
  readonly log: string[] = [];
  readonly rows: OutboxRow[] = [];
  readonly dataSource = { query: async (sql: string, params: unknown[] = []) => this.query(sql, params) } as unknown as DataSource;

  add(topic: string, key: string, payload: string): void {
    const sequence = this.rows.length + 1;
    this.rows.push({ id: `id-${sequence}`, sequence, topic, aggregateid: key, payload, headers: { 'ce-id': `id-${sequence}` }, sent: false, attempts: 0 });
  }

  private query(sql: string, params: unknown[]): unknown[] {
    if (sql.includes('SELECT id, sequence')) {
      this.log.push('select');
      return this.rows
        .filter((row) => !row.sent)
        .sort((a, b) => a.sequence - b.sequence)
        .slice(0, Number(params[0]))
        .map(({ id, sequence, topic, aggregateid, payload, headers }) => ({ id, sequence: String(sequence), topic, aggregateid, payload, headers }));
    }
    const ids = params[0] as string[];
    const touched = this.rows.filter((row) => ids.includes(row.id));
    if (sql.includes('sent_at = now()')) {
      this.log.push(`mark sent ${ids.join(',')}`);
      for (const row of touched) Object.assign(row, { sent: true, attempts: row.attempts + 1 });
      return [];
    }
    if (sql.includes('last_error')) {
      this.log.push(`record failure ${ids.join(',')}`);
      for (const row of touched) Object.assign(row, { attempts: row.attempts + 1, lastError: String(params[1]) });
      return [];
    }
    throw new Error(`the fake outbox does not know: ${sql}`);
  }
}

class FakeProducer {
  readonly batches: ProducerBatch[] = [];
  refuse?: Error;
  constructor(private readonly log: string[]) {}
  readonly producer = { sendBatch: async (batch: ProducerBatch) => this.sendBatch(batch) } as unknown as Producer;

  private async sendBatch(batch: ProducerBatch): Promise<unknown[]> {
    this.log.push('send');
    if (this.refuse) throw this.refuse;
    this.batches.push(batch);
    return [];
  }
}

function relayFor(outbox: FakeOutbox, producer: FakeProducer, metrics?: MessagingMetrics): OutboxRelay {
  return new OutboxRelay({
    dataSource: outbox.dataSource,
    databaseUrl: 'postgres://unused',
    producer: producer.producer,
    logger: silentLogger,
    metrics,
    leadershipKey: 1,
    batchSize: 3,
  });
}

/** Per topic, the (key, value) pairs in the order they were sent. */
function sentPerTopic(batches: ProducerBatch[]): Record<string, string[]> {
  const sent: Record<string, string[]> = {};
  for (const { topicMessages = [] } of batches) {
    for (const { topic, messages } of topicMessages) sent[topic] = [...(sent[topic] ?? []), ...messages.map(({ key, value }) => `${String(key)}:${String(value)}`)];
  }
  return sent;
}

describe('OutboxRelay publishing', () => {
  it('publishes pending rows in sequence order, a batch at a time, and marks each batch sent after the broker acknowledged it', async () => {
    const outbox = new FakeOutbox();
    const producer = new FakeProducer(outbox.log);
    outbox.add('grades', 'student-1', 'g1');
    outbox.add('risk', 'student-1', 'r1');
    outbox.add('grades', 'student-2', 'g2');
    outbox.add('grades', 'student-1', 'g3');
    outbox.add('risk', 'student-1', 'r2');

    expect(await relayFor(outbox, producer).drain()).toBe(5);

    expect(outbox.log).toEqual(['select', 'send', 'mark sent id-1,id-2,id-3', 'select', 'send', 'mark sent id-4,id-5', 'select']);
    expect(producer.batches.map(({ acks }) => acks)).toEqual([-1, -1]);
    // Each aggregate's events keep their order within their topic, across batches.
    expect(sentPerTopic(producer.batches)).toEqual({ grades: ['student-1:g1', 'student-2:g2', 'student-1:g3'], risk: ['student-1:r1', 'student-1:r2'] });
    expect(outbox.rows.every((row) => row.sent)).toBe(true);
  });

  it('leaves rows unsent and records the failure when the broker refuses, then sends them again in the same order', async () => {
    const outbox = new FakeOutbox();
    const producer = new FakeProducer(outbox.log);
    outbox.add('grades', 'student-1', 'g1');
    outbox.add('grades', 'student-1', 'g2');
    producer.refuse = new Error('KafkaJSConnectionError: Connection timeout');
    const relay = relayFor(outbox, producer);

    await expect(relay.drain()).rejects.toBe(producer.refuse);
    expect(outbox.log).toEqual(['select', 'send', 'record failure id-1,id-2']);
    expect(outbox.rows.map(({ sent, attempts, lastError }) => ({ sent, attempts, lastError }))).toEqual([
      { sent: false, attempts: 1, lastError: 'KafkaJSConnectionError: Connection timeout' },
      { sent: false, attempts: 1, lastError: 'KafkaJSConnectionError: Connection timeout' },
    ]);

    producer.refuse = undefined;
    expect(await relay.drain()).toBe(2);
    expect(sentPerTopic(producer.batches)).toEqual({ grades: ['student-1:g1', 'student-1:g2'] });
    expect(outbox.rows.every((row) => row.sent)).toBe(true);
  });

  it('counts the events it published per topic', async () => {
    const outbox = new FakeOutbox();
    const counted: Array<[string, number]> = [];
    const metrics = { eventsProduced: { inc: ({ topic }: { topic: string }, count: number) => void counted.push([topic, count]) } } as unknown as MessagingMetrics;
    outbox.add('grades', 'student-1', 'g1');
    outbox.add('risk', 'student-1', 'r1');
    outbox.add('grades', 'student-2', 'g2');
    await relayFor(outbox, new FakeProducer(outbox.log), metrics).drain();
    expect(counted).toEqual([
      ['grades', 2],
      ['risk', 1],
    ]);
  });
});
