// The raw kafkajs consumer of the baseline. It runs in its own process, started the way the
// services are (Node with @swc-node/register), so its memory and CPU compare like for like.
import { loadKafkaConnection } from '@mentoring/config';
import { kafkaClientSettings } from '@mentoring/messaging';
import { EachBatchPayload, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { BASELINE_ENV, CollectRequest, ConsumerReport } from './protocol';

// Arrivals are kept until asked for, so a message that beats the parent's request is not lost.
const latenciesMs: number[] = [];
let lastReceivedAt = 0;
let wanted: number | undefined;

function report(message: ConsumerReport): void {
  process.send?.(message);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (this process is started by the bench)`);
  return value;
}

/** Latency from the envelope's `time` (set just before the producer sent the batch) to now. */
function recordArrival(message: KafkaMessage): void {
  if (!message.value) return;
  const { time } = JSON.parse(message.value.toString()) as { time: string };
  lastReceivedAt = Date.now();
  latenciesMs.push(lastReceivedAt - Date.parse(time));
  reportWhenComplete();
}

function reportWhenComplete(): void {
  if (wanted === undefined || latenciesMs.length < wanted) return;
  report({ kind: 'collected', latenciesMs: latenciesMs.splice(0, wanted), lastReceivedAt });
  wanted = undefined;
}

// The same per-message calls as the services' IdempotentConsumer, minus the database work.
async function processBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
  for (const message of batch.messages) {
    if (!isRunning() || isStale()) return;
    recordArrival(message);
    resolveOffset(message.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
  }
}

async function main(): Promise<void> {
  // TLS and SASL come from the inherited KAFKA_SSL* / KAFKA_SASL_* variables, as in the services.
  const connection = loadKafkaConnection({ ...process.env, KAFKA_BROKERS: requiredEnv(BASELINE_ENV.brokers) });
  const kafka = new Kafka({ clientId: 'bench-baseline', ...kafkaClientSettings(connection), logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: requiredEnv(BASELINE_ENV.groupId), sessionTimeout: 30_000, heartbeatInterval: 3_000 });
  consumer.on(consumer.events.GROUP_JOIN, () => report({ kind: 'ready' }));
  consumer.on(consumer.events.CRASH, ({ payload }) => report({ kind: 'failed', message: String(payload.error) }));
  process.on('message', (request: CollectRequest) => {
    wanted = request.count;
    reportWhenComplete();
  });
  process.once('SIGTERM', () => void consumer.disconnect().finally(() => process.exit(0)));
  await consumer.connect();
  // The topic is new and empty, so reading from the beginning misses nothing sent after joining.
  await consumer.subscribe({ topic: requiredEnv(BASELINE_ENV.topic), fromBeginning: true });
  await consumer.run({ autoCommit: true, autoCommitInterval: 1_000, eachBatchAutoResolve: false, eachBatch: processBatch });
}

main().catch((error: unknown) => {
  report({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
