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

/**
 * Creates missing topics with the given partition count and waits until every one has leaders.
 * Services starting together race to create the same topics; kafkajs reports the loser with
 * TOPIC_ALREADY_EXISTS or a transient UNKNOWN_TOPIC_OR_PARTITION, so the check is retried until
 * the broker's metadata shows all of them.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions: number): Promise<void> {
  const wanted = [...new Set(topics)];
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((topic) => !existing.has(topic));
        if (missing.length > 0) {
          await admin.createTopics({
            topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })),
            waitForLeaders: true,
          });
        }
        await admin.fetchTopicMetadata({ topics: wanted });
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
