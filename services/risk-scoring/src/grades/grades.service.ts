import { Injectable } from '@nestjs/common';
import type { EventEnvelope, GradeRecordedV1 } from '@mentoring/contracts';
import type { EntityManager } from 'typeorm';
import { triggerFromEvent } from '../standings/assessment-trigger';
import { StandingsService } from '../standings/standings.service';

@Injectable()
export class GradesService {
  constructor(private readonly standings: StandingsService) {}

  /** Stores the grade as the current value of its record (an amendment replaces it) and re-scores the student. */
  async recordGrade(manager: EntityManager, grade: GradeRecordedV1, envelope: EventEnvelope): Promise<void> {
    if (!(await storeCurrentValue(manager, grade, envelope))) return;
    const trigger = triggerFromEvent(grade.amendment ? 'grade-amended' : 'grade-recorded', envelope, `feed:${grade.feed}`);
    const { studentId, program, yearOfStudy } = grade;
    await this.standings.reassessStudent(manager, { studentId, program, yearOfStudy }, trigger);
  }
}

/**
 * Upserts by (feed, sourceRecordId). A value recorded earlier than the one stored (a replayed
 * dead letter arriving after its amendment) is not applied; returns whether it was.
 */
async function storeCurrentValue(manager: EntityManager, grade: GradeRecordedV1, envelope: EventEnvelope): Promise<boolean> {
  const applied: unknown[] = await manager.query(
    `INSERT INTO student_grades (feed, source_record_id, grade_id, student_id, course_code, assessment_id, assessment_type,
                                 percentage, score_status, graded_at, recorded_at, event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (feed, source_record_id) DO UPDATE SET
       grade_id = EXCLUDED.grade_id, student_id = EXCLUDED.student_id, course_code = EXCLUDED.course_code,
       assessment_id = EXCLUDED.assessment_id, assessment_type = EXCLUDED.assessment_type, percentage = EXCLUDED.percentage,
       score_status = EXCLUDED.score_status, graded_at = EXCLUDED.graded_at, recorded_at = EXCLUDED.recorded_at,
       event_id = EXCLUDED.event_id
     WHERE student_grades.recorded_at <= EXCLUDED.recorded_at
     RETURNING grade_id`,
    [
      grade.feed,
      grade.sourceRecordId,
      grade.gradeId,
      grade.studentId,
      grade.courseCode,
      grade.assessmentId,
      grade.assessmentType,
      grade.percentage,
      grade.scoreStatus,
      grade.gradedAt,
      envelope.time,
      envelope.id,
    ],
  );
  return applied.length > 0;
}
