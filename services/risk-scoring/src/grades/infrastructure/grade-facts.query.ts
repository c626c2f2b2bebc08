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

function toGradeFact(row: StudentGradeEntity): GradeFact {
  return {
    gradeId: row.gradeId,
    courseCode: row.courseCode,
    assessmentType: row.assessmentType,
    percentage: row.percentage,
    scoreStatus: row.scoreStatus,
    gradedAt: row.gradedAt.toISOString(),
  };
}
