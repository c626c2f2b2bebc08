import { TOPICS } from '@mentoring/contracts';
import { Pipeline, waitUntil } from '@mentoring/testing';
import { Kafka, Partitioners } from 'kafkajs';
import { PhaseThroughput } from '../report';
import { throughputOf } from '../stats';
import { GradeSubmission, passingGrades } from '../workload';
import { TopicRecorder } from './topic-recorder';

const REST_PREFIX = 'rest';
const KAFKA_PREFIX = 'kafka';
const FEED = 'bench-feed';

const KAFKA_SEND_BATCH = 500;

export interface IngestSettings {
  records: number;
  timeoutMs: number;
}

export interface RestIngestSettings extends IngestSettings {
  batchSize: number;
  concurrency: number;
}

interface SubmissionReceipt {
  summary: { accepted: number };
}

/** `POST /v1/grades` batches, several in flight; timed until the last resulting event is on Kafka. */
export async function ingestViaRest(pipeline: Pipeline, recorder: TopicRecorder, settings: RestIngestSettings): Promise<PhaseThroughput> {
  const batches = chunk(passingGrades(REST_PREFIX, settings.records, gradedYesterday()), settings.batchSize);
  const startedAt = Date.now();
  let accepted = 0;
  await inParallel(batches, settings.concurrency, async (records) => {
    // Not `accepted += await ...`: that reads `accepted` before the await and loses the other worker's additions.
    const acceptedInBatch = await postGrades(pipeline, records);
    accepted += acceptedInBatch;
  });
  return untilRecorded(recorder, REST_PREFIX, accepted, startedAt, settings.timeoutMs);
}

/** Bare JSON records on `registrar.grades.submitted.v1`, keyed by studentId, as a registrar system sends them. */
export async function ingestViaKafka(kafka: Kafka, pipeline: Pipeline, recorder: TopicRecorder, settings: IngestSettings): Promise<PhaseThroughput> {
  const records = passingGrades(KAFKA_PREFIX, settings.records, gradedYesterday());
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const topic = pipeline.topic(TOPICS.registrarGradesSubmitted);
    const startedAt = Date.now();
    for (const batch of chunk(records, KAFKA_SEND_BATCH)) {
      await producer.send({ topic, messages: batch.map((record) => ({ key: record.studentId, value: JSON.stringify(record) })) });
    }
    return await untilRecorded(recorder, KAFKA_PREFIX, records.length, startedAt, settings.timeoutMs);
  } finally {
    await producer.disconnect();
  }
}

/** Submits one REST batch as the bench's registrar feed; returns how many records were accepted. */
export async function postGrades(pipeline: Pipeline, records: GradeSubmission[]): Promise<number> {
  const response = await pipeline.call<SubmissionReceipt>('grade-ingest', 'POST', '/v1/grades', 'registrar-feed', { records }, FEED);
  if (response.status !== 200) throw new Error(`POST /v1/grades answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  return response.body.summary.accepted;
}

/**
 * Throughput from the first request to the Kafka timestamp of the last `grades.recorded.v1` event.
 * A phase that runs out of time reports what did arrive, with the count it expected.
 */
async function untilRecorded(recorder: TopicRecorder, prefix: string, expected: number, startedAt: number, timeoutMs: number): Promise<PhaseThroughput> {
  await waitUntil(`${expected} grades.recorded events of the ${prefix} phase`, () => recorder.tally(prefix).count >= expected, {
    timeoutMs,
    intervalMs: 50,
  }).catch(() => undefined);
  const { count, lastTimestamp } = recorder.tally(prefix);
  return { ...throughputOf(count, lastTimestamp - startedAt), expected };
}

// A day ago: safely inside the scoring window and never "in the future" for grade-ingest.
function gradedYesterday(): Date {
  return new Date(Date.now() - 24 * 60 * 60 * 1000);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[(next += 1) - 1]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
