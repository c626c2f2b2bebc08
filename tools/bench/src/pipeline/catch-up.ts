import { waitUntil } from '@mentoring/testing';
import { Kafka } from 'kafkajs';

/**
 * Waits until a consumer group has committed every message of a topic, so the next phase starts
 * on a quiet pipeline instead of competing with the previous phase's backlog. Returns false when
 * the group did not catch up in time (the next phase then runs anyway, and says so).
 */
export async function waitForCatchUp(kafka: Kafka, groupId: string, topic: string, timeoutMs: number): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const caughtUp = async () => {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      return ends.every(({ partition, high }) => committedOffset(committed.partitions, partition) >= Number(high));
    };
    return await waitUntil(`${groupId} has consumed ${topic}`, caughtUp, { timeoutMs, intervalMs: 500 }).catch(() => false);
  } finally {
    await admin.disconnect();
  }
}

function committedOffset(partitions: { partition: number; offset: string }[], partition: number): number {
  const offset = Number(partitions.find((entry) => entry.partition === partition)?.offset ?? -1);
  // -1: nothing committed yet, which is only caught up on an empty partition.
  return Math.max(0, offset);
}
