import { contextFromTraceparent, platformTracer, SpanKind } from '@mentoring/observability';
import { context, propagation, Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { Client } from 'pg';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { describeError } from '../errors';
import { MessagingLogger } from '../logger';
import { MessagingMetrics } from '../metrics';
import { OUTBOX_WAKEUP_CHANNEL } from './outbox-writer';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** postgres URL of the same database, for the relay's own leadership/LISTEN connection. */
  databaseUrl: string;
  producer: Producer;
  logger: MessagingLogger;
  metrics?: MessagingMetrics;
  /** Distinguishes services sharing one database server; one relay per key is active at a time. */
  leadershipKey: number;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Sent rows older than this are deleted. */
  retentionMs?: number;
}

interface OutboxRow {
  id: string;
  sequence: string;
  topic: string;
  aggregateid: string;
  payload: string;
  headers: Record<string, string>;
  traceparent: string | null;
}

/** A row on its way to Kafka, with the publish span its headers name (none when the row was written untraced). */
interface OutgoingMessage {
  row: OutboxRow;
  headers: Record<string, string>;
  span?: Span;
}

/**
 * Publishes outbox rows to Kafka in sequence order and marks them sent. Exactly one replica
 * relays at a time (a session-level advisory lock held on a dedicated connection), which keeps
 * per-key order without coordination; if the leader dies its lock goes with its connection and
 * another replica takes over. A crash between publish and mark re-publishes; consumers dedupe.
 */
export class OutboxRelay {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private leaderConnection?: Client;
  private wake?: () => void;
  private lastHousekeeping = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  get isLeader(): boolean {
    return this.leaderConnection !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops after the current pass, publishing what is already committed first. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loopDone;
    if (this.isLeader) await this.drain().catch((error) => this.options.logger.warn(describeError(error), 'final outbox flush failed'));
    await this.releaseLeadership();
  }

  /** Publishes every committed row now (used by shutdown and tests); returns how many were sent. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent === 0) return total;
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (!this.isLeader && !(await this.tryBecomeLeader())) {
          await this.idle(1_000);
          continue;
        }
        const sent = await this.publishBatch();
        await this.housekeeping();
        if (sent === 0) await this.idle(this.options.pollIntervalMs ?? 250);
      } catch (error) {
        this.options.logger.warn(describeError(error), 'outbox relay pass failed; retrying');
        await this.releaseLeadership();
        await this.idle(1_000);
      }
    }
  }

  private async tryBecomeLeader(): Promise<boolean> {
    const client = new Client({ connectionString: this.options.databaseUrl, connectionTimeoutMillis: 5_000, keepAlive: true });
    client.on('error', () => void this.releaseLeadership());
    await client.connect();
    const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS acquired', [this.options.leadershipKey]);
    if (!rows[0].acquired) {
      await client.end();
      return false;
    }
    await client.query(`LISTEN ${OUTBOX_WAKEUP_CHANNEL}`);
    client.on('notification', () => this.wake?.());
    this.leaderConnection = client;
    this.options.logger.info({ leadershipKey: this.options.leadershipKey }, 'outbox relay is the active relay');
    return true;
  }

  private async releaseLeadership(): Promise<void> {
    const client = this.leaderConnection;
    this.leaderConnection = undefined;
    await client?.end().catch(() => undefined);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async publishBatch(): Promise<number> {
    const rows: OutboxRow[] = await this.options.dataSource.query(
      `SELECT id, sequence, topic, aggregateid, payload, headers, traceparent FROM outbox
       WHERE sent_at IS NULL ORDER BY sequence LIMIT $1`,
      [this.options.batchSize ?? 500],
    );
    if (rows.length === 0) return 0;
    const outgoing = rows.map(withPublishSpan);
    try {
      await this.options.producer.sendBatch({ topicMessages: groupByTopicInOrder(outgoing), acks: -1 });
    } catch (error) {
      endPublishSpans(outgoing, error);
      await this.options.dataSource
        .query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)', [
          rows.map((row) => row.id),
          describeError(error).errorMessage,
        ])
        .catch(() => undefined);
      throw error;
    }
    await this.options.dataSource.query('UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1)', [
      rows.map((row) => row.id),
    ]);
    endPublishSpans(outgoing);
    for (const [topic, count] of countByTopic(rows)) this.options.metrics?.eventsProduced.inc({ topic }, count);
    return rows.length;
  }

  private async housekeeping(): Promise<void> {
    if (Date.now() - this.lastHousekeeping < 5_000) return;
    this.lastHousekeeping = Date.now();
    await this.options.dataSource.query(
      `DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => $1)`,
      [(this.options.retentionMs ?? 3_600_000) / 1000],
    );
    const [backlog] = await this.options.dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
       FROM outbox WHERE sent_at IS NULL`,
    );
    this.options.metrics?.outboxBacklog.set(backlog.pending);
    this.options.metrics?.outboxOldestAgeSeconds.set(backlog.age);
  }
}

/**
 * A producer span under the trace of the transaction that wrote the row, its context in the
 * message's W3C headers: the consumer's span becomes its child, so one trace follows the event
 * across Kafka however late the relay publishes it. Rows written untraced keep their headers
 * (a dead letter's copy keeps the trace of the message it preserves).
 */
function withPublishSpan(row: OutboxRow): OutgoingMessage {
  if (!row.traceparent) return { row, headers: row.headers };
  const parent = contextFromTraceparent(row.traceparent);
  const span = platformTracer().startSpan(
    `${row.topic} publish`,
    { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': row.topic, 'messaging.message.id': row.id } },
    parent,
  );
  const headers = { ...row.headers };
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return { row, headers, span };
}

function endPublishSpans(outgoing: OutgoingMessage[], error?: unknown): void {
  for (const { span } of outgoing) {
    if (!span) continue;
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.end();
  }
}

function groupByTopicInOrder(outgoing: OutgoingMessage[]) {
  const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
  for (const { row, headers } of outgoing) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.aggregateid, value: row.payload, headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function countByTopic(rows: OutboxRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.topic, (counts.get(row.topic) ?? 0) + 1);
  return counts;
}
