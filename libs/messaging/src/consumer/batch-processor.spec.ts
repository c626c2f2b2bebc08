import { KafkaMessage } from 'kafkajs';
import { PermanentError } from '../errors';
import { OutboxWriter } from '../outbox/outbox-writer';
import { COUNTER_TOPIC, counterEvent, counterHandler, FakeDatabase, recordOf, silentLogger } from '../testing/fake-database';
import { BatchProcessor, PartitionBatch } from './batch-processor';
import { EventHandler } from './event-handler';
import { EventPipeline } from './event-pipeline';
import { IncomingRecord } from './message-decoding';

interface Setup {
  database: FakeDatabase;
  processor: BatchProcessor;
}

/** Everything lands in the database's log, so the order of commits, dead letters and offsets shows. */
function setUp(handler: EventHandler, maxRecordsPerTransaction = 200): Setup {
  const database = new FakeDatabase();
  const pipeline = new EventPipeline({ consumerGroup: 'group', dataSource: database.dataSource, outbox: {} as OutboxWriter, logger: silentLogger });
  pipeline.addSubscription(COUNTER_TOPIC, { topic: COUNTER_TOPIC, handlers: [handler] });
  const deadLetters = {
    record: async (record: IncomingRecord, error: unknown) => {
      database.log.push(`dead-letter ${record.offset} ${error instanceof PermanentError ? error.reason : 'handler-error'}`);
    },
  };
  const processor = new BatchProcessor({ pipeline, deadLetters, logger: silentLogger, maxRetryDelayMs: 1, maxRecordsPerTransaction });
  return { database, processor };
}

function fakeBatch(database: FakeDatabase, records: IncomingRecord[], stillOwned: () => boolean = () => true): PartitionBatch {
  const messages = records.map((record) => ({ offset: record.offset, key: null, value: record.value, headers: {}, timestamp: '0', attributes: 0 }) as KafkaMessage);
  return {
    batch: { topic: COUNTER_TOPIC, partition: 0, messages },
    resolveOffset: (offset: string) => void database.log.push(`resolve ${offset}`),
    heartbeat: async () => undefined,
    isRunning: stillOwned,
    isStale: () => false,
    commitOffsetsIfNecessary: async () => void database.log.push('commit offsets'),
  };
}

describe('BatchProcessor', () => {
  it("resolves a chunk's offsets only after its transaction committed", async () => {
    const { database, processor } = setUp(counterHandler());
    const events = [counterEvent(1), counterEvent(2), counterEvent(3)];
    await processor.processBatch(fakeBatch(database, events.map((event, offset) => recordOf(event, offset))));
    expect(database.log).toEqual(['begin 1', 'commit 1', 'resolve 2', 'commit offsets']);
    expect(database.effects).toEqual(events.map((event) => event.id));
  });

  it('dead-letters an undecodable record while the rest of the chunk is handled together', async () => {
    const { database, processor } = setUp(counterHandler());
    const [first, last] = [counterEvent(1), counterEvent(3)];
    await processor.processBatch(fakeBatch(database, [recordOf(first, 0), recordOf('{not json', 1), recordOf(last, 2)]));
    expect(database.log).toEqual(['begin 1', 'commit 1', 'dead-letter 1 invalid-json', 'resolve 2', 'commit offsets']);
    expect(database.effects).toEqual([first.id, last.id]);
  });

  it('handles a chunk again record by record when a handler refuses one, dead-lettering only that one', async () => {
    const { database, processor } = setUp(counterHandler({ refuse: ({ n }) => n === 2 }));
    const events = [counterEvent(1), counterEvent(2), counterEvent(3)];
    await processor.processBatch(fakeBatch(database, events.map((event, offset) => recordOf(event, offset))));
    expect(database.log).toEqual([
      'begin 1',
      'rollback 1',
      'begin 2',
      'commit 2',
      'resolve 0',
      'begin 3',
      'rollback 3',
      'dead-letter 1 handler-rejected',
      'resolve 1',
      'begin 4',
      'commit 4',
      'resolve 2',
      'commit offsets',
    ]);
    expect(database.effects).toEqual([events[0].id, events[2].id]);
  });

  it('retries an outage in place and resolves the offset once the record committed, with no dead letter', async () => {
    let outages = 2;
    const outage = () => (outages-- > 0 ? Object.assign(new Error('Connection terminated'), { code: '08006' }) : undefined);
    const { database, processor } = setUp(counterHandler({ failWith: outage }));
    const event = counterEvent(1);
    await processor.processBatch(fakeBatch(database, [recordOf(event, 7)]));
    expect(database.log).toEqual(['begin 1', 'rollback 1', 'begin 2', 'rollback 2', 'begin 3', 'commit 3', 'resolve 7', 'commit offsets']);
    expect(database.effects).toEqual([event.id]);
  });

  it('dead-letters an unclassified error after a few attempts', async () => {
    const { database, processor } = setUp(counterHandler({ failWith: () => new TypeError('a bug') }));
    await processor.processBatch(fakeBatch(database, [recordOf(counterEvent(1), 0)]));
    expect(database.log.filter((line) => line.startsWith('dead-letter') || line.startsWith('resolve'))).toEqual(['dead-letter 0 handler-error', 'resolve 0']);
    expect(database.log.filter((line) => line.startsWith('rollback'))).toHaveLength(3);
  });

  it('works through a batch in chunks, committing offsets after each', async () => {
    const { database, processor } = setUp(counterHandler(), 2);
    const records = [1, 2, 3, 4, 5].map((n, offset) => recordOf(counterEvent(n), offset));
    await processor.processBatch(fakeBatch(database, records));
    expect(database.log).toEqual([
      'begin 1',
      'commit 1',
      'resolve 1',
      'commit offsets',
      'begin 2',
      'commit 2',
      'resolve 3',
      'commit offsets',
      'begin 3',
      'commit 3',
      'resolve 4',
      'commit offsets',
    ]);
  });

  it('leaves the offset unresolved when the partition is taken away during a retry', async () => {
    let owned = true;
    const outage = () => {
      owned = false;
      return Object.assign(new Error('Connection terminated'), { code: '08006' });
    };
    const { database, processor } = setUp(counterHandler({ failWith: outage }));
    await processor.processBatch(fakeBatch(database, [recordOf(counterEvent(1), 0)], () => owned));
    expect(database.log).toEqual(['begin 1', 'rollback 1']);
  });
});
