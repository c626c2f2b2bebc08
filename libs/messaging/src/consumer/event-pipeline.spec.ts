import { createEnvelope } from '@mentoring/contracts';
import { PermanentError } from '../errors';
import { OutboxWriter } from '../outbox/outbox-writer';
import { COUNTER_TOPIC, COUNTER_V1, counterEvent, counterHandler, FakeDatabase, recordOf, silentLogger } from '../testing/fake-database';
import { EventHandler, Subscription } from './event-handler';
import { EventPipeline } from './event-pipeline';

function pipelineWith(database: FakeDatabase, subscription: Partial<Subscription> & { handlers: EventHandler[] }): EventPipeline {
  const pipeline = new EventPipeline({ consumerGroup: 'group', dataSource: database.dataSource, outbox: {} as OutboxWriter, logger: silentLogger });
  pipeline.addSubscription(COUNTER_TOPIC, { topic: COUNTER_TOPIC, ...subscription });
  return pipeline;
}

async function rejectionOf(work: Promise<unknown>): Promise<PermanentError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof PermanentError)) throw new Error(`expected a PermanentError, got ${String(error)}`);
  return error;
}

describe('EventPipeline routing', () => {
  it('hands an event to the handler of its exact type, inside a transaction with the inbox row', async () => {
    const database = new FakeDatabase();
    const event = counterEvent(1);
    const outcome = await pipelineWith(database, { handlers: [counterHandler()] }).process(recordOf(event, 0));
    expect(outcome).toBe('handled');
    expect(database.effects).toEqual([event.id]);
    expect(database.log).toEqual(['begin 1', 'commit 1']);
  });

  it('refuses another major version of a handled event, naming the version it supports', async () => {
    const database = new FakeDatabase();
    const v2 = createEnvelope({ type: 'testing.counter.v2', source: 'test', subject: 'student-1', data: { studentId: 'student-1', n: 1 } });
    const error = await rejectionOf(pipelineWith(database, { handlers: [counterHandler()] }).process(recordOf(v2, 0)));
    expect(error.reason).toBe('unsupported-version');
    expect(error.message).toContain(COUNTER_V1);
    expect(database.log).toEqual([]);
  });

  it('refuses a type it has no handler for on its own topic, and skips it on a shared topic', async () => {
    const other = createEnvelope({ type: 'testing.other.v1', source: 'test', subject: 'student-1', data: {} });
    const own = new FakeDatabase();
    expect((await rejectionOf(pipelineWith(own, { handlers: [counterHandler()] }).process(recordOf(other, 0)))).reason).toBe('unknown-type');
    const shared = new FakeDatabase();
    expect(await pipelineWith(shared, { handlers: [counterHandler()], ignoreOtherTypes: true }).process(recordOf(other, 0))).toBe('ignored');
    expect(shared.log).toEqual([]);
  });

  it('refuses a record of a topic nobody subscribed to', async () => {
    const pipeline = pipelineWith(new FakeDatabase(), { handlers: [counterHandler()] });
    expect((await rejectionOf(pipeline.process(recordOf(counterEvent(1), 0, 'testing.elsewhere.v1')))).reason).toBe('unknown-topic');
  });

  it('refuses an invalid payload with every field problem, before any transaction', async () => {
    const database = new FakeDatabase();
    const invalid = createEnvelope({ type: COUNTER_V1, source: 'test', subject: 'student-1', data: { studentId: 7, n: 'one' } });
    const error = await rejectionOf(pipelineWith(database, { handlers: [counterHandler()] }).process(recordOf(invalid, 0)));
    expect(error.reason).toBe('invalid-payload');
    expect(error.problems.map((problem) => problem.field).sort()).toEqual(['n', 'studentId']);
    expect(database.log).toEqual([]);
  });

  it('refuses a record that is not JSON or not an envelope', async () => {
    const pipeline = pipelineWith(new FakeDatabase(), { handlers: [counterHandler()] });
    expect((await rejectionOf(pipeline.process(recordOf('{not json', 0)))).reason).toBe('invalid-json');
    expect((await rejectionOf(pipeline.process(recordOf({ type: COUNTER_V1 }, 1)))).reason).toBe('invalid-envelope');
  });

  it('decodes with the subscription decoder when it has one', async () => {
    const database = new FakeDatabase();
    const event = counterEvent(5);
    const pipeline = pipelineWith(database, { handlers: [counterHandler()], decode: () => event });
    expect(await pipeline.process(recordOf('a bare registrar record', 0))).toBe('handled');
    expect(database.effects).toEqual([event.id]);
  });
});

describe('EventPipeline inbox', () => {
  it('handles a redelivered event once', async () => {
    const database = new FakeDatabase();
    const pipeline = pipelineWith(database, { handlers: [counterHandler()] });
    const event = counterEvent(1);
    expect(await pipeline.process(recordOf(event, 0))).toBe('handled');
    expect(await pipeline.process(recordOf(event, 1))).toBe('duplicate');
    expect(database.effects).toEqual([event.id]);
  });

  it('treats a second copy of an event in the same batch as a duplicate', async () => {
    const database = new FakeDatabase();
    const event = counterEvent(1);
    const rejected = await pipelineWith(database, { handlers: [counterHandler()] }).processTogether([recordOf(event, 0), recordOf(event, 1)]);
    expect(rejected).toEqual([]);
    expect(database.effects).toEqual([event.id]);
  });

  it('keeps no inbox row of a rolled-back transaction, so the event is handled when it comes again', async () => {
    const database = new FakeDatabase();
    let outage: Error | undefined = Object.assign(new Error('Connection terminated'), { code: '08006' });
    const pipeline = pipelineWith(database, { handlers: [counterHandler({ failWith: () => outage })] });
    const event = counterEvent(1);
    await expect(pipeline.process(recordOf(event, 0))).rejects.toBe(outage);
    outage = undefined;
    expect(await pipeline.process(recordOf(event, 0))).toBe('handled');
    expect(database.effects).toEqual([event.id]);
  });
});

describe('EventPipeline batches', () => {
  it('handles the valid records of a batch in one transaction and returns the undecodable ones', async () => {
    const database = new FakeDatabase();
    const [first, second] = [counterEvent(1), counterEvent(2)];
    const poison = recordOf('{not json', 1);
    const rejected = await pipelineWith(database, { handlers: [counterHandler()] }).processTogether([recordOf(first, 0), poison, recordOf(second, 2)]);
    expect(rejected.map(({ record, error }) => [record.offset, error.reason])).toEqual([['1', 'invalid-json']]);
    expect(database.effects).toEqual([first.id, second.id]);
    expect(database.log).toEqual(['begin 1', 'commit 1']);
  });

  it('rolls back every record of the batch when a handler refuses one', async () => {
    const database = new FakeDatabase();
    const pipeline = pipelineWith(database, { handlers: [counterHandler({ refuse: ({ n }) => n === 2 })] });
    await expect(pipeline.processTogether([recordOf(counterEvent(1), 0), recordOf(counterEvent(2), 1)])).rejects.toBeInstanceOf(PermanentError);
    expect(database.effects).toEqual([]);
    expect(database.log).toEqual(['begin 1', 'rollback 1']);
  });

  it('wakes commit listeners after a transaction that handled records, not after duplicates only', async () => {
    const database = new FakeDatabase();
    const pipeline = pipelineWith(database, { handlers: [counterHandler()] });
    const wakeUps: string[] = [];
    pipeline.onCommitted(COUNTER_TOPIC, () => wakeUps.push(`woken after: ${database.log.join(', ')}`));
    const event = counterEvent(1);
    await pipeline.process(recordOf(event, 0));
    await pipeline.process(recordOf(event, 1));
    expect(wakeUps).toEqual(['woken after: begin 1, commit 1']);
  });
});

describe('EventPipeline.classify', () => {
  const pipeline = pipelineWith(new FakeDatabase(), { handlers: [counterHandler()] });

  it('dead-letters a PermanentError at once', () => {
    expect(pipeline.classify(new PermanentError('handler-rejected', 'no'), 1, 3)).toBe('dead-letter');
  });

  it.each([
    ['a lost database connection', Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' })],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a retriable broker error', Object.assign(new Error('The coordinator is not available'), { retriable: true })],
  ])('retries %s however often it happens', (_label, error) => {
    expect(pipeline.classify(error, 50, 3)).toBe('retry');
  });

  it('retries an unclassified error a few times, then dead-letters it', () => {
    const bug = new TypeError('cannot read properties of undefined');
    expect([1, 2, 3].map((attempt) => pipeline.classify(bug, attempt, 3))).toEqual(['retry', 'retry', 'dead-letter']);
  });
});
