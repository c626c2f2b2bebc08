import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Producer, ProducerBatch } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { TopicResolver } from '../kafka/topics';
import { silentLogger } from '../testing/fake-database';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

const exporter = new InMemorySpanExporter();
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();

const ROW_TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context through the outbox', () => {
  beforeEach(() => exporter.reset());

  it('stores the traceparent of the transaction that writes a row', async () => {
    const queries: { sql: string; values: unknown[] }[] = [];
    const manager = { query: async (sql: string, values: unknown[] = []) => queries.push({ sql, values }) && [] } as unknown as EntityManager;
    const writer = new OutboxWriter(new TopicResolver(), 'tests');
    const span = trace.getTracer('test').startSpan('request');
    await context.with(trace.setSpan(context.active(), span), () =>
      writer.appendRaw(manager, [{ id: 'id-1', topic: 'grades', key: 'student-1', type: 'grade', payload: '{}', headers: {} }]),
    );
    span.end();
    const insert = queries.find((query) => query.sql.includes('INSERT INTO outbox'));
    expect(insert?.sql).toContain('traceparent');
    expect(insert?.values[7]).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
  });

  it('publishes a row under a producer span of its stored trace, named in the message headers', async () => {
    const rows = [{ id: 'id-1', sequence: '1', topic: 'grades', aggregateid: 'student-1', payload: '{}', headers: { 'ce-id': 'id-1' }, traceparent: ROW_TRACEPARENT }];
    const dataSource = { query: async (sql: string) => (sql.includes('SELECT id, sequence') ? rows.splice(0) : []) } as unknown as DataSource;
    const batches: ProducerBatch[] = [];
    const producer = { sendBatch: async (batch: ProducerBatch) => batches.push(batch) && [] } as unknown as Producer;
    await new OutboxRelay({ dataSource, databaseUrl: 'postgres://unused', producer, logger: silentLogger, leadershipKey: 1 }).drain();

    const [published] = exporter.getFinishedSpans();
    expect(published.name).toBe('grades publish');
    expect(published.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(published.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    const headers = batches[0].topicMessages?.[0].messages[0].headers;
    expect(headers).toEqual({ 'ce-id': 'id-1', traceparent: `00-4bf92f3577b34da6a3ce929d0e0e4736-${published.spanContext().spanId}-01` });
  });
});
