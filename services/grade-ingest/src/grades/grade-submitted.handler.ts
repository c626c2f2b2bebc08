import { Injectable, OnModuleInit } from '@nestjs/common';
import { GRADE_SUBMITTED_V1, GradeSubmissionV1, TOPICS } from '@mentoring/contracts';
import { EventHandler, HandlerContext, MessagingRuntime } from '@mentoring/messaging';
import { GradeIngestConfig } from '../config/grade-ingest.config';
import { GradeMetrics } from './grade-metrics';
import { gradeSubmissionDecoder } from './grade-submission.decoder';
import { GradeSubmissionService } from './grade-submission.service';
import { GradeValidator } from './grade-validator';

/** Grades registrar systems publish on Kafka, one record per message. */
@Injectable()
export class GradeSubmittedHandler implements OnModuleInit, EventHandler<GradeSubmissionV1> {
  readonly type = GRADE_SUBMITTED_V1;
  readonly payload = GradeSubmissionV1;

  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly submissions: GradeSubmissionService,
    private readonly validator: GradeValidator,
    private readonly metrics: GradeMetrics,
    private readonly config: GradeIngestConfig,
  ) {}

  onModuleInit(): void {
    this.runtime.subscribe({
      topic: TOPICS.registrarGradesSubmitted,
      handlers: [this],
      decode: gradeSubmissionDecoder({
        defaultFeed: this.config.KAFKA_DEFAULT_FEED,
        allowedFeeds: this.config.REGISTRAR_TOPIC_FEEDS,
        validate: (plain) => this.validator.validate(plain),
      }),
    });
    // Counted when the dead letter is stored, which happens once per record: a record is decoded
    // again on every redelivery and when a failed batch is retried one record at a time.
    this.runtime.onDeadLettered(TOPICS.registrarGradesSubmitted, () => this.metrics.count('kafka', ['rejected']));
  }

  handle(context: HandlerContext<GradeSubmissionV1>): Promise<void> {
    return this.submissions.recordConsumed(context);
  }
}
