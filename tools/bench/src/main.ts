// `npm run bench`: the platform measured against plain kafkajs on the same broker in the same run.
// Not part of `npm test`; results go to bench/results/<timestamp>.json and bench/results/latest.json.
import { cpus, loadavg, totalmem } from 'node:os';
import { namespacedTopic, TOPICS } from '@mentoring/contracts';
import { Pipeline, testKafka } from '@mentoring/testing';
import { Kafka } from 'kafkajs';
import { PARTITIONS, RawBaseline, RELAY_BATCH_SIZE, baselineMessageBytes } from './baseline/raw-baseline';
import { sleep } from './clock';
import { ensureInfrastructure } from './infrastructure';
import { BenchOptions, parseOptions, USAGE } from './options';
import { E2E_PREFIX, runEndToEnd } from './pipeline/end-to-end';
import { ingestViaKafka, ingestViaRest } from './pipeline/ingest';
import { createMentors } from './pipeline/mentors';
import { TopicRecorder } from './pipeline/topic-recorder';
import { provisionTopics } from './pipeline/topics';
import { waitForCatchUp } from './pipeline/catch-up';
import { measureCpu, readMemory } from './proc-stats';
import { BenchFigures, BenchResult, EndToEndFigures, formatSummary, IngestFigures, ProcessFigures, ratioTable } from './report';
import { writeResult } from './results';
import { round } from './stats';

// Consumer groups settle and start-up work finishes before the idle window opens.
const SETTLE_MS = 3_000;
const BASELINE_CONSUMER = 'raw consumer';

function say(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

interface IdleFigures {
  cpuPercent: Record<string, number>;
  rssMb: Record<string, number>;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const options = parseOptions(argv);
  const startedAt = new Date();
  const infrastructure = await ensureInfrastructure(say);
  say(`Kafka at ${infrastructure.kafkaBrokers}, PostgreSQL at ${infrastructure.databaseServerUrl}`);
  // Taken before the bench adds its own load, so it shows what else the machine was doing.
  const machine = environment(infrastructure.kafkaBrokers);
  const notes: string[] = [];
  const baseline = await RawBaseline.start(infrastructure.kafkaBrokers.split(','));
  try {
    const figures = await measureEverything(baseline, options, notes);
    const result: BenchResult = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      environment: machine,
      options,
      ...figures,
      ratios: ratioTable(figures),
      notes,
    };
    const files = writeResult(result, options.outDir);
    console.log(formatSummary(result));
    say(`results: ${files.join(', ')}`);
  } finally {
    await baseline.stop();
    await infrastructure.stop();
  }
}

async function measureEverything(baseline: RawBaseline, options: BenchOptions, notes: string[]): Promise<BenchFigures> {
  say(`(a) raw kafkajs baseline: ${options.messages} messages in batches of ${RELAY_BATCH_SIZE}, then ${options.students * 2} at ${options.rate}/s`);
  const flood = await baseline.flood(options.messages);
  const pacedLatencyMs = await baseline.paced(options.students * 2, options.rate);
  const run = await measurePipeline(baseline, options, notes);
  const figuresOf = (name: string) => processFigures(name, run.idle, run.peakRssMb);
  const services = Object.keys(run.peakRssMb).filter((name) => name !== BASELINE_CONSUMER);
  return {
    baseline: {
      messageBytes: baselineMessageBytes(),
      partitions: PARTITIONS,
      batchSize: RELAY_BATCH_SIZE,
      ...flood,
      pacedLatencyMs,
      consumer: figuresOf(BASELINE_CONSUMER),
    },
    ingest: run.ingest,
    endToEnd: run.endToEnd,
    services: Object.fromEntries(services.map((name) => [name, figuresOf(name)])),
  };
}

interface PipelineRun {
  idle: IdleFigures;
  /** Per process (the services and the raw consumer), read after phases (b) and (c). */
  peakRssMb: Record<string, number>;
  ingest?: IngestFigures;
  endToEnd?: EndToEndFigures;
}

/** Phases (b), (c) and (d) on one pipeline; the raw consumer stays up so its idle figures share the window. */
async function measurePipeline(baseline: RawBaseline, options: BenchOptions, notes: string[]): Promise<PipelineRun> {
  say('starting the four services (each in its own process, fresh databases, private topic namespace)');
  const pipeline = new Pipeline();
  const kafka = testKafka('bench');
  try {
    await provisionTopics(kafka, pipeline);
    await pipeline.start();
    const recorder = await TopicRecorder.start(kafka, pipeline, E2E_PREFIX);
    const pids = processIds(pipeline, baseline);
    const idle = await measureIdle(pids, options);
    const endToEnd = await attempt('(c) end-to-end latency', notes, () => measureEndToEnd(pipeline, recorder, options));
    const ingest = await attempt('(b) ingest throughput', notes, () => measureIngest(kafka, pipeline, recorder, options, notes));
    await recorder.stop();
    const peakRssMb = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readMemory(pid).peakRssMb]));
    return { idle, peakRssMb, ingest, endToEnd };
  } finally {
    say('stopping the services');
    await pipeline.stop();
  }
}

function processIds(pipeline: Pipeline, baseline: RawBaseline): Record<string, number> {
  const services = pipeline.instances.map((instance) => [instance.service, instance.process.child.pid as number]);
  return { [BASELINE_CONSUMER]: baseline.consumerPid, ...Object.fromEntries(services) };
}

/** (d) CPU and memory of every service and of the raw consumer over the same quiet window. */
async function measureIdle(pids: Record<string, number>, options: BenchOptions): Promise<IdleFigures> {
  await sleep(SETTLE_MS);
  say(`(d) idle CPU over ${options.idleSeconds} s`);
  const cpuPercent = await measureCpu(pids, options.idleSeconds * 1000);
  const rssMb = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readMemory(pid).rssMb]));
  return { cpuPercent, rssMb };
}

async function measureEndToEnd(pipeline: Pipeline, recorder: TopicRecorder, options: BenchOptions): Promise<EndToEndFigures> {
  say(`(c) creating ${options.mentors} mentors with weekly availability`);
  await createMentors(pipeline, options.mentors);
  say(`(c) ${options.students} students, two low summatives each, at ${options.rate} grades/s`);
  return runEndToEnd(pipeline, recorder, { students: options.students, rate: options.rate, timeoutMs: options.phaseTimeoutSeconds * 1000 });
}

/**
 * Kafka first: its downstream backlog is small and drains before the REST phase, whose backlog
 * (large and slow to score) then only meets the end of the run.
 */
async function measureIngest(kafka: Kafka, pipeline: Pipeline, recorder: TopicRecorder, options: BenchOptions, notes: string[]): Promise<IngestFigures> {
  const timeoutMs = options.phaseTimeoutSeconds * 1000;
  say(`(b) ingest: ${options.kafkaRecords} records on registrar.grades.submitted.v1`);
  const kafkaIngest = await ingestViaKafka(kafka, pipeline, recorder, { records: options.kafkaRecords, timeoutMs });
  // The messaging library names a service's consumer group after the service, namespaced like its topics.
  const scoringGroup = namespacedTopic('risk-scoring', pipeline.namespace);
  if (!(await waitForCatchUp(kafka, scoringGroup, pipeline.topic(TOPICS.gradesRecorded), timeoutMs))) {
    notes.push('risk-scoring had not caught up with the Kafka ingest phase when the REST phase started');
  }
  say(`(b) ingest: ${options.restRecords} records as REST batches of ${options.restBatch}`);
  const rest = await ingestViaRest(pipeline, recorder, { records: options.restRecords, batchSize: options.restBatch, concurrency: options.restConcurrency, timeoutMs });
  return { rest, kafka: kafkaIngest };
}

/** Runs one phase; a phase that cannot run (e.g. an API not there yet) becomes a note, not a lost run. */
async function attempt<T>(label: string, notes: string[], phase: () => Promise<T>): Promise<T | undefined> {
  try {
    return await phase();
  } catch (error) {
    const message = `${label} not measured: ${error instanceof Error ? error.message : String(error)}`;
    say(message);
    notes.push(message);
    return undefined;
  }
}

function processFigures(name: string, idle: IdleFigures, peaks: Record<string, number>): ProcessFigures {
  return { peakRssMb: peaks[name], idleRssMb: idle.rssMb[name], idleCpuPercent: round(idle.cpuPercent[name], 2) };
}

function environment(kafkaBrokers: string): Record<string, string | number> {
  const kafkajsVersion = (require('kafkajs/package.json') as { version: string }).version;
  return {
    node: process.version,
    kafkajs: kafkajsVersion,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30),
    // Other work on the machine skews every figure; a high load average says the run was not alone.
    loadAverage1m: round(loadavg()[0], 2),
    kafkaBrokers,
  };
}

main().catch((error: unknown) => {
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
