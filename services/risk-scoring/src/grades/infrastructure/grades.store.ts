import type { EventEnvelope, GradeRecordedV1 } from '@mentoring/contracts';
import type { EntityManager } from 'typeorm';
import type { GradeFact } from '../../scoring/domain';
import { StudentGradeEntity } from './student-grade.entity';

/** The current value of every grade of each student, as scoring reads them. */
export async function loadGradeFacts(manager: EntityManager, studentIds: readonly string[]): Promise<Map<string, GradeFact[]>> {
  const rows = await manager
    .createQueryBuilder(StudentGradeEntity, 'grade')
    .where('grade.studentId = ANY(:studentIds)', { studentIds })
    .getMany();
  const factsByStudent = new Map<string, GradeFact[]>();
  for (const row of rows) {
    const facts = factsByStudent.get(row.studentId) ?? [];
    facts.push(toGradeFact(row));
    factsByStudent.set(row.studentId, facts);
  }
  return factsByStudent;
}

/**
 * Upserts by (feed, sourceRecordId). A value recorded earlier than the one stored (a replayed
 * dead letter arriving after its amendment) is not applied; returns whether it was.
 */
export async function recordCurrentGrade(manager: EntityManager, grade: GradeRecordedV1, envelope: EventEnvelope): Promise<boolean> {
  const applied: unknown[] = await manager.query(
    `INSERT INTO student_grades (feed, source_record_id, grade_id, student_id, course_code, assessment_id, assessment_type,
                                 percentage, score_status, graded_at, recorded_at, event_id, category, category_weight)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (feed, source_record_id) DO UPDATE SET
       grade_id = EXCLUDED.grade_id, student_id = EXCLUDED.student_id, course_code = EXCLUDED.course_code,
       assessment_id = EXCLUDED.assessment_id, assessment_type = EXCLUDED.assessment_type, percentage = EXCLUDED.percentage,
       score_status = EXCLUDED.score_status, graded_at = EXCLUDED.graded_at, recorded_at = EXCLUDED.recorded_at,
       event_id = EXCLUDED.event_id, category = EXCLUDED.category, category_weight = EXCLUDED.category_weight
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
      grade.category ?? null,
      grade.categoryWeight ?? null,
    ],
  );
  return applied.length > 0;
}

function toGradeFact(row: StudentGradeEntity): GradeFact {
  return {
    gradeId: row.gradeId,
    courseCode: row.courseCode,
    assessmentType: row.assessmentType,
    percentage: row.percentage,
    scoreStatus: row.scoreStatus,
    gradedAt: row.gradedAt.toISOString(),
    category: row.category,
    categoryWeight: row.categoryWeight,
  };
}
