import { deadLetterTopic, TOPICS } from '@mentoring/contracts';
import { Pipeline } from '@mentoring/testing';
import { Kafka } from 'kafkajs';
import { PARTITIONS } from '../baseline/raw-baseline';

/**
 * Creates every topic of the pipeline's namespace (and its dead-letter topic) before the services
 * start, as an operator provisions topics in production. Four services creating overlapping topics
 * at the same moment sometimes crash one of them at start-up (UNKNOWN_TOPIC_OR_PARTITION from
 * kafkajs's admin); a benchmark run should not depend on winning that race.
 */
export async function provisionTopics(kafka: Kafka, pipeline: Pipeline): Promise<void> {
  const topics = Object.values(TOPICS).flatMap((topic) => [pipeline.topic(topic), deadLetterTopic(pipeline.topic(topic))]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: -1 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
