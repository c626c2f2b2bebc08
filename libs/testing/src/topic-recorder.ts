import { Pipeline } from './pipeline';
import { PATIENTLY, testKafka, uniqueName, waitUntil } from './test-infrastructure';

export interface Envelope {
  id: string;
  type: string;
  correlationId: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface TopicRecorder {
  received: Envelope[];
  /** Waits until the recorder has read every record the topics hold now. */
  waitUntilCaughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Collects every envelope published on the given contract topics of the pipeline while the test runs. */
export async function recordTopics(pipeline: Pipeline, contractTopics: string[]): Promise<TopicRecorder> {
  const topics = contractTopics.map((topic) => pipeline.topic(topic));
  const received: Envelope[] = [];
  const nextOffsets = new Map<string, number>();
  const kafka = testKafka();
  // The services' session settings: after a broker restart the group drops this member's stale
  // session within 10 s instead of kafkajs's default 30 s.
  const consumer = kafka.consumer({ groupId: uniqueName('e2e-recorder'), sessionTimeout: 10_000, heartbeatInterval: 2_000 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      received.push(JSON.parse(String(message.value)));
      nextOffsets.set(`${topic}/${partition}`, Number(message.offset) + 1);
    },
  });

  const caughtUp = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
          if ((nextOffsets.get(`${topic}/${partition}`) ?? 0) < Number(high)) return false;
        }
      }
      return true;
    } finally {
      await admin.disconnect();
    }
  };
  return {
    received,
    waitUntilCaughtUp: () => waitUntil('the test has read every record of its topics', caughtUp, PATIENTLY).then(() => undefined),
    stop: () => consumer.disconnect(),
  };
}
