import { randomUUID } from 'node:crypto';
import { ENVELOPE_HEADERS, GradesReceiptReply, ImportReportReply, ImportStartedReply, namespacedTopic, TOPICS } from '@mentoring/contracts';
import { Kafka, Message } from 'kafkajs';
import { FeedRecord, ONEROSTER_FILE_NAMES, OneRosterFiles } from '../cohort';
import { addReceipt, ChannelTally, emptyTally, importTally } from './channel-tally';
import { chunk } from './directory';
import { PlatformClient } from './platform-client';

const REST_BATCH = 500;
const KAFKA_BATCH = 500;
const IMPORT_POLL_MS = 500;
// grade-ingest's Kafka header naming the feed a submission belongs to (see its grade-submission decoder).
const FEED_HEADER = 'feed';

/** What a channel has done so far; the replay reads it for the progress line. */
export type TallyListener = (tally: ChannelTally) => void;

/** Sends the REST share in batches, in feed order, and tallies grade-ingest's per-record answers. */
export async function replayRest(client: PlatformClient, feed: string, records: readonly FeedRecord[], onTally: TallyListener): Promise<ChannelTally> {
  let tally = emptyTally();
  for (const batch of chunk(records, REST_BATCH)) {
    const receipt = await client.json('grade-ingest', { role: 'registrar-feed', subject: feed }, '/v1/grades', GradesReceiptReply, {
      method: 'POST',
      body: { records: batch.map((entry) => entry.record) },
    });
    tally = addReceipt(tally, batch.length, receipt);
    onTally(tally);
  }
  return tally;
}

/** The Kafka message of one record: keyed by student (as every topic is), the feed and a correlation id in headers. */
export function kafkaMessage(entry: FeedRecord, feed: string, correlationId: string): Message {
  return {
    key: entry.record.studentId ?? entry.record.sourceRecordId,
    value: JSON.stringify(entry.record),
    headers: { [FEED_HEADER]: feed, [ENVELOPE_HEADERS.correlationId]: correlationId },
  };
}

/**
 * Publishes the Kafka share on registrar.grades.submitted.v1 as a registrar system would: bare
 * records, in feed order, one correlation id per record. Returns how many were sent; their
 * outcomes are read from grade-ingest, since a topic gives the sender no answer.
 */
export async function replayKafka(kafka: Kafka, namespace: string | undefined, feed: string, records: readonly FeedRecord[], onSent: (sent: number) => void): Promise<number> {
  const producer = kafka.producer();
  await producer.connect();
  const topic = namespacedTopic(TOPICS.registrarGradesSubmitted, namespace);
  let sent = 0;
  try {
    for (const batch of chunk(records, KAFKA_BATCH)) {
      await producer.sendBatch({ topicMessages: [{ topic, messages: batch.map((entry) => kafkaMessage(entry, feed, randomUUID())) }] });
      sent += batch.length;
      onSent(sent);
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

/** Uploads the OneRoster file set and follows the import until it completes; its report is the tally. */
export async function replayOneRoster(
  client: PlatformClient,
  feed: string,
  files: OneRosterFiles,
  records: number,
  onTally: TallyListener,
): Promise<ChannelTally> {
  const caller = { role: 'registrar-feed', subject: feed } as const;
  const form = new FormData();
  for (const name of ONEROSTER_FILE_NAMES) form.append('files', new Blob([files[name]], { type: 'text/csv' }), name);
  const created = await client.json('grade-ingest', caller, '/v1/imports/oneroster', ImportStartedReply, { method: 'POST', form });
  for (;;) {
    const report = await client.json('grade-ingest', caller, `${created.report}?rejectionsLimit=1000`, ImportReportReply);
    const tally = importTally(records, report);
    onTally(tally);
    if (report.status === 'completed') return tally;
    if (report.status === 'failed') throw new Error(`the OneRoster import failed: ${report.error?.message ?? 'no reason given'}`);
    await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
  }
}
