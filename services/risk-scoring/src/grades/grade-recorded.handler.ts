import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { GRADE_RECORDED_V1, GradeRecordedV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { GradesService } from './grades.service';

@Controller()
export class GradeRecordedHandler {
  constructor(private readonly grades: GradesService) {}

  @EventPattern(GRADE_RECORDED_V1)
  handle(@Payload() grade: GradeRecordedV1, @Ctx() { manager, envelope }: EventContext<GradeRecordedV1>): Promise<void> {
    return this.grades.recordGrade(manager, grade, envelope);
  }
}
