import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { GRADE_RECORDED_V1, GradeRecordedV1 } from '@mentoring/contracts';
import { EventContext } from '@mentoring/messaging';
import { recordCurrentGrade } from '../grades';
import { triggerFromEvent } from './assessment-trigger';
import { StandingsService } from './standings.service';

/** grades.recorded.v1 in: the grade becomes the current value of its record, then its student is re-scored. */
@Controller()
export class GradeRecordedHandler {
  constructor(private readonly standings: StandingsService) {}

  @EventPattern(GRADE_RECORDED_V1)
  async handle(@Payload() grade: GradeRecordedV1, @Ctx() { manager, envelope }: EventContext<GradeRecordedV1>): Promise<void> {
    if (!(await recordCurrentGrade(manager, grade, envelope))) return;
    const trigger = triggerFromEvent(grade.amendment ? 'grade-amended' : 'grade-recorded', envelope, `feed:${grade.feed}`);
    const { studentId, program, yearOfStudy } = grade;
    await this.standings.reassessStudent(manager, { studentId, program, yearOfStudy }, trigger);
  }
}
