import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { loadKafkaConnection } from '@mentoring/config';
import { ENVELOPE_HEADERS, namespacedTopic, TOPICS } from '@mentoring/contracts';
import { kafkaClientSettings } from '@mentoring/messaging';
import { uniqueName } from '@mentoring/testing';
import { Kafka, logLevel, Message, Partitioners, Producer } from 'kafkajs';
import { sleepUntil } from '../clock';
import { LatencySummary, summariseLatencies, Throughput, throughputOf } from '../stats';
import { gradeRecordedEnvelope } from '../workload';
import { BASELINE_ENV, CollectRequest, ConsumerReport } from './protocol';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Like the outbox relay: batches of this many, one request in flight. */
export const RELAY_BATCH_SIZE = 500;
/** Like the services' topics (libs/messaging creates them with 3 partitions). */
export const PARTITIONS = 3;
// Keys spread over this many students, so every partition gets its share as with real traffic.
const KEY_SPREAD = 1_000;
const PACING_TICK_MS = 100;

export interface FloodResult {
  throughput: Throughput;
  latencyMs: LatencySummary;
}

/**
 * Plain kafkajs on the same broker: an idempotent producer here, one consumer group member in a
 * child process. Nothing of the platform runs in between, so it is the ceiling the services are
 * compared against.
 */
export class RawBaseline {
  private constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly producer: Producer,
    private readonly consumer: ChildProcess,
  ) {}

  static async start(brokers: string[]): Promise<RawBaseline> {
    // TLS and SASL as the services read them, so the baseline reaches the broker the same way they do.
    const connection = loadKafkaConnection({ ...process.env, KAFKA_BROKERS: brokers.join(',') });
    const kafka = new Kafka({ clientId: 'bench-producer', ...kafkaClientSettings(connection), logLevel: logLevel.WARN });
    const topic = namespacedTopic(TOPICS.gradesRecorded, uniqueName('bench_raw'));
    await createTopic(kafka, topic);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const consumer = spawnConsumer(brokers, topic);
    await expectReport(consumer, 'ready');
    return new RawBaseline(kafka, topic, producer, consumer);
  }

  get consumerPid(): number {
    if (this.consumer.pid === undefined) throw new Error('the baseline consumer did not start');
    return this.consumer.pid;
  }

  /** Sends `count` messages as fast as the relay would and measures until the last one is consumed. */
  async flood(count: number): Promise<FloodResult> {
    const collected = this.collect(count);
    const startedAt = Date.now();
    for (let sent = 0; sent < count; sent += RELAY_BATCH_SIZE) {
      await this.sendBatch(sent, Math.min(RELAY_BATCH_SIZE, count - sent));
    }
    const { latenciesMs, lastReceivedAt } = await collected;
    return { throughput: throughputOf(count, lastReceivedAt - startedAt), latencyMs: summariseLatencies(latenciesMs) };
  }

  /** Sends `count` messages at a fixed rate (a batch every 100 ms), as a fair reference for end-to-end latency. */
  async paced(count: number, perSecond: number): Promise<LatencySummary> {
    const collected = this.collect(count);
    const perTick = Math.max(1, Math.round((perSecond * PACING_TICK_MS) / 1000));
    const startedAt = Date.now();
    for (let sent = 0, tick = 0; sent < count; sent += perTick, tick += 1) {
      await sleepUntil(startedAt + tick * PACING_TICK_MS);
      await this.sendBatch(sent, Math.min(perTick, count - sent));
    }
    return summariseLatencies((await collected).latenciesMs);
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
    await stopChild(this.consumer);
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [this.topic] }).finally(() => admin.disconnect());
  }

  private async sendBatch(firstIndex: number, size: number): Promise<void> {
    const now = new Date();
    const messages = Array.from({ length: size }, (_, offset) => messageOf((firstIndex + offset) % KEY_SPREAD, now));
    await this.producer.sendBatch({ topicMessages: [{ topic: this.topic, messages }], acks: -1 });
  }

  private async collect(count: number): Promise<Extract<ConsumerReport, { kind: 'collected' }>> {
    const report = expectReport(this.consumer, 'collected');
    const request: CollectRequest = { kind: 'collect', count };
    this.consumer.send(request);
    return report;
  }
}

/** The size in bytes of one baseline message value (a real `grades.recorded.v1` envelope). */
export function baselineMessageBytes(): number {
  return Buffer.byteLength(JSON.stringify(gradeRecordedEnvelope(0, new Date())));
}

function messageOf(student: number, time: Date): Message {
  const envelope = gradeRecordedEnvelope(student, time);
  return {
    key: envelope.subject,
    value: JSON.stringify(envelope),
    headers: {
      [ENVELOPE_HEADERS.id]: envelope.id,
      [ENVELOPE_HEADERS.type]: envelope.type,
      [ENVELOPE_HEADERS.correlationId]: envelope.correlationId,
    },
  };
}

async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: -1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

function spawnConsumer(brokers: string[], topic: string): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'baseline-consumer.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.base.json'),
      [BASELINE_ENV.brokers]: brokers.join(','),
      [BASELINE_ENV.topic]: topic,
      [BASELINE_ENV.groupId]: uniqueName('bench_raw_group'),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The child's next report of the given kind; fails if it reports a failure or exits first. */
function expectReport<K extends ConsumerReport['kind']>(child: ChildProcess, kind: K): Promise<Extract<ConsumerReport, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => finish(() => reject(new Error(`the baseline consumer exited (${code})`)));
    const onMessage = (message: ConsumerReport) => {
      if (message.kind === 'failed') finish(() => reject(new Error(`the baseline consumer failed: ${message.message}`)));
      else if (message.kind === kind) finish(() => resolve(message as Extract<ConsumerReport, { kind: K }>));
    };
    function finish(settle: () => void): void {
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
