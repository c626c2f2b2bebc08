import { Controller, Injectable, OnModuleInit } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, GRADE_SUBMITTED_V1, GradeSubmissionV1, TOPICS } from '@mentoring/contracts';
import { EventContext, EventDecoder, IncomingRecord, MessageDecoder, MessagingRuntime } from '@mentoring/messaging';
import { GradeIngestConfig } from '../config/grade-ingest.config';
import { GradeMetrics } from './grade-metrics';
import { gradeSubmissionDecoder } from './grade-submission.decoder';
import { GradeSubmissionService } from './grade-submission.service';
import { GradeValidator } from './grade-validator';

/** Decodes the registrar topic's records with this service's feeds and grade rules. */
@Injectable()
export class RegistrarRecordDecoder implements EventDecoder {
  private readonly decodeRecord: MessageDecoder;

  constructor(config: GradeIngestConfig, validator: GradeValidator) {
    this.decodeRecord = gradeSubmissionDecoder({
      defaultFeed: config.KAFKA_DEFAULT_FEED,
      allowedFeeds: config.REGISTRAR_TOPIC_FEEDS,
      validate: (plain) => validator.validate(plain),
    });
  }

  decode(record: IncomingRecord): EventEnvelope {
    return this.decodeRecord(record);
  }
}

/** Grades registrar systems publish on Kafka, one record per message. */
@Controller()
export class GradeSubmittedHandler implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly submissions: GradeSubmissionService,
    private readonly metrics: GradeMetrics,
  ) {}

  onModuleInit(): void {
    // Counted when the dead letter is stored, which happens once per record: a record is decoded
    // again on every redelivery and when a failed batch is retried one record at a time.
    this.runtime.onDeadLettered(TOPICS.registrarGradesSubmitted, () => this.metrics.count('kafka', ['rejected']));
  }

  @EventPattern(GRADE_SUBMITTED_V1, { decoder: RegistrarRecordDecoder })
  handle(@Payload() _grade: GradeSubmissionV1, @Ctx() context: EventContext<GradeSubmissionV1>): Promise<void> {
    return this.submissions.recordConsumed(context);
  }
}
