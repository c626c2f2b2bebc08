import { caseEventType, EventEnvelope, TOPICS } from '@mentoring/contracts';
import { Pipeline, uniqueName } from '@mentoring/testing';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Stage, StageEvent } from '../e2e-chains';

/** How many `grades.recorded.v1` events of one phase are on Kafka, and when the last was appended. */
export interface RecordedTally {
  count: number;
  lastTimestamp: number;
}

const STAGE_OF_TOPIC: Record<string, Stage> = {
  [TOPICS.gradesRecorded]: 'graded',
  [TOPICS.riskAssessed]: 'assessed',
  [TOPICS.mentoringCaseEvents]: 'matched',
  [TOPICS.notificationsDispatched]: 'delivered',
};

const CASE_MATCHED = caseEventType('matched');

interface DispatchedData {
  recipientRole?: string;
  channel?: string;
  status?: string;
}

/**
 * Reads the pipeline's topics from the beginning in its own consumer group. Grades are tallied per
 * phase from the message key alone (no parsing during the ingest phases); the events of students
 * of the end-to-end phase are kept for correlation.
 */
export class TopicRecorder {
  readonly stageEvents: StageEvent[] = [];
  private readonly tallies = new Map<string, RecordedTally>();
  private readonly stageOfBrokerTopic: Map<string, Stage>;

  private constructor(
    private readonly consumer: Consumer,
    pipeline: Pipeline,
    private readonly endToEndPrefix: string,
  ) {
    this.stageOfBrokerTopic = new Map(Object.entries(STAGE_OF_TOPIC).map(([topic, stage]) => [pipeline.topic(topic), stage]));
  }

  static async start(kafka: Kafka, pipeline: Pipeline, endToEndPrefix: string): Promise<TopicRecorder> {
    const consumer = kafka.consumer({ groupId: uniqueName('bench_recorder'), allowAutoTopicCreation: false });
    const recorder = new TopicRecorder(consumer, pipeline, endToEndPrefix);
    await consumer.connect();
    await consumer.subscribe({ topics: [...recorder.stageOfBrokerTopic.keys()], fromBeginning: true });
    await consumer.run({ eachBatch: (payload) => recorder.recordBatch(payload) });
    return recorder;
  }

  /** Grades recorded for students whose id starts with `<prefix>-`. */
  tally(prefix: string): RecordedTally {
    return this.tallies.get(prefix) ?? { count: 0, lastTimestamp: Number.NaN };
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async recordBatch({ batch }: EachBatchPayload): Promise<void> {
    const stage = this.stageOfBrokerTopic.get(batch.topic);
    for (const message of batch.messages) {
      const prefix = prefixOf(message.key?.toString() ?? '');
      if (stage === 'graded') this.count(prefix, Number(message.timestamp));
      if (stage && prefix === this.endToEndPrefix) this.keepStageEvent(stage, message);
    }
  }

  private count(prefix: string, timestamp: number): void {
    const tally = this.tallies.get(prefix) ?? { count: 0, lastTimestamp: 0 };
    this.tallies.set(prefix, { count: tally.count + 1, lastTimestamp: Math.max(tally.lastTimestamp, timestamp) });
  }

  private keepStageEvent(stage: Stage, message: KafkaMessage): void {
    if (!message.value) return;
    const envelope = JSON.parse(message.value.toString()) as EventEnvelope;
    if (stage === 'matched' && envelope.type !== CASE_MATCHED) return;
    this.stageEvents.push({
      stage,
      correlationId: envelope.correlationId,
      subject: envelope.subject,
      timeMs: Date.parse(envelope.time),
      preferred: stage === 'delivered' ? isSentMentorEmail(envelope.data as DispatchedData) : undefined,
    });
  }
}

function prefixOf(studentId: string): string {
  return studentId.split('-', 1)[0];
}

function isSentMentorEmail({ recipientRole, channel, status }: DispatchedData): boolean {
  return recipientRole === 'mentor' && channel === 'email' && status === 'sent';
}
