import { Injectable, OnModuleInit } from '@nestjs/common';
import { GRADE_RECORDED_V1, GradeRecordedV1, TOPICS } from '@mentoring/contracts';
import { EventHandler, HandlerContext, MessagingRuntime } from '@mentoring/messaging';
import { GradesService } from './grades.service';

@Injectable()
export class GradeRecordedHandler implements OnModuleInit, EventHandler<GradeRecordedV1> {
  readonly type = GRADE_RECORDED_V1;
  readonly payload = GradeRecordedV1;

  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly grades: GradesService,
  ) {}

  onModuleInit(): void {
    this.runtime.subscribe({ topic: TOPICS.gradesRecorded, handlers: [this] });
  }

  handle(context: HandlerContext<GradeRecordedV1>): Promise<void> {
    return this.grades.recordGrade(context.manager, context.data, context.envelope);
  }
}
