import { createEnvelope, ENVELOPE_HEADERS, EventEnvelope } from '@mentoring/contracts';
import { DeadLetterEntity } from '@mentoring/persistence';
import { testKafka, waitUntil } from '@mentoring/testing';
import { EventHandler, MessagingRuntime, PermanentError, TopicResolver } from '../src';
import { committedToTheEnd, COUNTER_EVENT, COUNTER_TOPIC, CounterEventV1, MessagingHarness, openHarness, runtimeFor } from './support';

const STUDENT = 'student-batch';

/** Records each effect with the id of the transaction that wrote it, so a test can see which records shared one. */
function transactionRecordingHandler(refuse: (data: CounterEventV1) => boolean = () => false): EventHandler<CounterEventV1> {
  return {
    type: COUNTER_EVENT,
    payload: CounterEventV1,
    async handle({ envelope, data, manager }) {
      if (refuse(data)) throw new PermanentError('handler-rejected', `event ${data.n} is refused`);
      await manager.query('INSERT INTO effects (event_id, student_id, n, consumer) VALUES ($1, $2, $3, txid_current()::text)', [
        envelope.id,
        data.studentId,
        data.n,
      ]);
    },
  };
}

function eventsOfOneStudent(count: number): EventEnvelope<CounterEventV1>[] {
  return Array.from({ length: count }, (_, n) => createEnvelope({ type: COUNTER_EVENT, source: 'test', subject: STUDENT, data: { studentId: STUDENT, n } }));
}

// One key puts every record on one partition, and one send puts them in one fetched batch.
interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

function asMessages(events: readonly EventEnvelope[]): OutgoingMessage[] {
  return events.map((event) => ({ key: STUDENT, value: JSON.stringify(event), headers: { [ENVELOPE_HEADERS.id]: event.id } }));
}

describe('batched consumption against the real broker and database', () => {
  let harness: MessagingHarness;
  let runtime: MessagingRuntime;
  let group: string;

  beforeEach(async () => {
    harness = await openHarness('batches');
    group = `batch-consumer-${harness.namespace}`;
  });
  afterEach(async () => {
    await runtime?.stop();
    await harness.close();
  });

  const topic = () => new TopicResolver(harness.namespace).resolve(COUNTER_TOPIC);
  const effects = async (): Promise<{ event_id: string; n: number; consumer: string }[]> => harness.dataSource.query('SELECT event_id, n, consumer FROM effects');
  const deadLetters = () => harness.dataSource.getRepository(DeadLetterEntity);

  async function startConsumer(handler: EventHandler<CounterEventV1>) {
    runtime = runtimeFor(harness, 'batches', { consumerGroup: group });
    runtime.subscribe({ topic: COUNTER_TOPIC, handlers: [handler as EventHandler] });
    await runtime.start();
  }

  async function produce(messages: OutgoingMessage[]) {
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: topic(), messages });
    await producer.disconnect();
  }

  it('handles a batch in shared transactions and dead-letters an undecodable record without holding the rest back', async () => {
    await startConsumer(transactionRecordingHandler());
    const events = eventsOfOneStudent(40);
    const messages = asMessages(events);
    messages.splice(10, 0, { key: STUDENT, value: '{not json', headers: {} });
    await produce(messages);

    await waitUntil('every decodable event has its effect', async () => (await effects()).length === events.length);
    await waitUntil('the offsets are committed to the end of the batch', () => committedToTheEnd(group, topic()));
    expect((await deadLetters().find()).map((letter) => [letter.reason, letter.offset])).toEqual([['invalid-json', '10']]);
    const transactions = new Set((await effects()).map((effect) => effect.consumer));
    expect(transactions.size).toBeLessThan(events.length);
  });

  it('dead-letters only the record a handler refuses and commits the rest of its batch, each once', async () => {
    await startConsumer(transactionRecordingHandler((data) => data.n === 15));
    const events = eventsOfOneStudent(30);
    await produce(asMessages(events));

    await waitUntil('every other event has its effect', async () => (await effects()).length === events.length - 1);
    await waitUntil('the offsets are committed to the end of the batch', () => committedToTheEnd(group, topic()));
    expect((await deadLetters().find()).map((letter) => [letter.reason, letter.eventId])).toEqual([['handler-rejected', events[15].id]]);
    const handled = (await effects()).map((effect) => effect.n).sort((a, b) => a - b);
    expect(handled).toEqual(events.map((_, n) => n).filter((n) => n !== 15));
  });

  it('has one effect for an event that appears twice in the same batch', async () => {
    await startConsumer(transactionRecordingHandler());
    const events = eventsOfOneStudent(10);
    // A relay that crashed between publishing and marking its rows sent publishes them again.
    await produce(asMessages([...events, ...events.slice(3, 6)]));

    await waitUntil('the offsets are committed to the end of the batch', () => committedToTheEnd(group, topic()));
    const recorded = await effects();
    expect(recorded).toHaveLength(events.length);
    expect(new Set(recorded.map((effect) => effect.event_id)).size).toBe(events.length);
    expect(Number((await harness.dataSource.query('SELECT count(*) AS n FROM inbox'))[0].n)).toBe(events.length);
  });
});
