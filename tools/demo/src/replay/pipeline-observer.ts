import { randomUUID } from 'node:crypto';
import { NotificationDispatchedV1, namespacedTopic, TOPICS } from '@mentoring/contracts';
import { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { DeliverySeen, RecordedGradeSeen } from './pipeline-events';
import { PLATFORM_SERVICES } from './platform-client';

interface Envelope<T> {
  time: string;
  subject: string;
  correlationId: string;
  data: T;
}

/**
 * Reads the platform's own topics from the moment the replay starts: every grade recorded and
 * every delivery outcome (to trace grades to messages), and how far each service's consumer
 * group is behind (to know when the pipeline has caught up).
 */
export class PipelineObserver {
  readonly grades: RecordedGradeSeen[] = [];
  readonly deliveries: DeliverySeen[] = [];
  private readonly admin: Admin;
  private readonly consumer: Consumer;
  private readonly gradesTopic: string;
  private readonly deliveriesTopic: string;

  constructor(
    kafka: Kafka,
    private readonly namespace: string | undefined,
  ) {
    this.admin = kafka.admin();
    this.consumer = kafka.consumer({ groupId: namespacedTopic(`demo-observer-${randomUUID()}`, namespace) });
    this.gradesTopic = namespacedTopic(TOPICS.gradesRecorded, namespace);
    this.deliveriesTopic = namespacedTopic(TOPICS.notificationsDispatched, namespace);
  }

  /** Starts reading after the last message already on each topic, so only this replay is seen. */
  async start(): Promise<void> {
    await this.admin.connect();
    const startOffsets = await Promise.all(
      [this.gradesTopic, this.deliveriesTopic].map(async (topic) => ({ topic, partitions: await this.admin.fetchTopicOffsets(topic) })),
    );
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.gradesTopic, this.deliveriesTopic], fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ topic, message }) => this.take(topic, message) });
    for (const { topic, partitions } of startOffsets) {
      for (const { partition, high } of partitions) this.consumer.seek({ topic, partition, offset: high });
    }
  }

  /** Messages on the platform's topics that the services' consumer groups have not committed yet. */
  async consumerLag(): Promise<number> {
    let lag = 0;
    for (const service of PLATFORM_SERVICES) {
      const committed = await this.admin.fetchOffsets({ groupId: namespacedTopic(service, this.namespace) });
      for (const { topic, partitions } of committed) {
        const ends = await this.admin.fetchTopicOffsets(topic);
        for (const { partition, offset } of partitions) {
          const end = ends.find((entry) => entry.partition === partition);
          if (end) lag += Math.max(0, Number(end.high) - Math.max(Number(offset), Number(end.low)));
        }
      }
    }
    return lag;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.admin.disconnect();
  }

  private take(topic: string, message: KafkaMessage): void {
    if (!message.value) return;
    if (topic === this.gradesTopic) {
      const envelope = JSON.parse(message.value.toString()) as Envelope<unknown>;
      this.grades.push({ correlationId: envelope.correlationId, studentId: envelope.subject, timeMs: Date.parse(envelope.time) });
    } else {
      const envelope = JSON.parse(message.value.toString()) as Envelope<NotificationDispatchedV1>;
      const { data } = envelope;
      this.deliveries.push({
        correlationId: envelope.correlationId,
        studentId: envelope.subject,
        messageId: data.messageId,
        channel: data.channel,
        status: data.status,
        recipientRole: data.recipientRole,
        timeMs: Date.parse(data.occurredAt),
      });
    }
  }
}
