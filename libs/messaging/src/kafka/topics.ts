import { deadLetterTopic, namespacedTopic } from '@mentoring/contracts';
import { Kafka } from 'kafkajs';

/** Maps contract topic names to the names on this broker (an optional namespace isolates pipelines). */
export class TopicResolver {
  constructor(private readonly namespace?: string) {}

  resolve(topic: string): string {
    return namespacedTopic(topic, this.namespace);
  }

  deadLetter(topic: string): string {
    return deadLetterTopic(this.resolve(topic));
  }
}

/** Creates missing topics with the given partition count; existing topics are left as they are. */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })),
      waitForLeaders: true,
    });
  } catch (error) {
    // Replicas starting together race to create the same topic; losing that race is fine.
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  } finally {
    await admin.disconnect();
  }
}
