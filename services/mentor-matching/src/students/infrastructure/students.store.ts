import { EntityManager, In } from 'typeorm';
import { StudentEntity } from './student.entity';

export type StudentColumns = Omit<StudentEntity, 'id' | 'createdAt' | 'updatedAt'>;

export function findStudent(manager: EntityManager, studentId: string): Promise<StudentEntity | null> {
  return manager.findOne(StudentEntity, { where: { id: studentId } });
}

export function lockStudent(manager: EntityManager, studentId: string): Promise<StudentEntity | null> {
  return manager.findOne(StudentEntity, { where: { id: studentId }, lock: { mode: 'pessimistic_write' } });
}

export function findStudents(manager: EntityManager, studentIds: readonly string[]): Promise<StudentEntity[]> {
  return manager.find(StudentEntity, { where: { id: In([...new Set(studentIds)]) } });
}

/**
 * Creates or replaces students in one statement whatever their number: the rows travel as one JSON
 * parameter (a 10,000-row import is one round trip, and far from PostgreSQL's parameter limit).
 */
export async function upsertStudents(manager: EntityManager, students: ReadonlyArray<{ id: string } & StudentColumns>): Promise<void> {
  if (students.length === 0) return;
  const rows = students.map((student) => ({
    id: student.id,
    program: student.program,
    year_of_study: student.yearOfStudy,
    display_name: student.displayName,
    preferred_name: student.preferredName,
    email: student.email,
    identifiers: student.identifiers,
    directory_as_of: student.directoryAsOf?.toISOString() ?? null,
    time_zone: student.timeZone,
    preferred_times: student.preferredTimes,
    current_mentor_id: student.currentMentorId,
    excluded_mentor_ids: student.excludedMentorIds,
  }));
  await manager.query(
    `INSERT INTO students (id, program, year_of_study, display_name, preferred_name, email, identifiers, directory_as_of, time_zone, preferred_times, current_mentor_id, excluded_mentor_ids)
     SELECT id, program, year_of_study, display_name, preferred_name, email, identifiers, directory_as_of, time_zone, preferred_times, current_mentor_id, excluded_mentor_ids
     FROM jsonb_to_recordset($1::jsonb) AS row (
       id text, program text, year_of_study int, display_name text, preferred_name text, email text, identifiers jsonb,
       directory_as_of timestamptz, time_zone text, preferred_times jsonb, current_mentor_id text, excluded_mentor_ids jsonb)
     ON CONFLICT (id) DO UPDATE SET
       program = EXCLUDED.program,
       year_of_study = EXCLUDED.year_of_study,
       display_name = EXCLUDED.display_name,
       preferred_name = EXCLUDED.preferred_name,
       email = EXCLUDED.email,
       identifiers = EXCLUDED.identifiers,
       directory_as_of = EXCLUDED.directory_as_of,
       time_zone = EXCLUDED.time_zone,
       preferred_times = EXCLUDED.preferred_times,
       current_mentor_id = EXCLUDED.current_mentor_id,
       excluded_mentor_ids = EXCLUDED.excluded_mentor_ids,
       updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

/** Creates the student with a default time zone, or moves them to the registrar's programme and year. */
export async function ensureStudent(manager: EntityManager, student: { id: string; program: string; yearOfStudy: number; timeZone: string }): Promise<void> {
  await manager.query(
    `INSERT INTO students (id, program, year_of_study, time_zone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET program = EXCLUDED.program, year_of_study = EXCLUDED.year_of_study, updated_at = now()
     WHERE (students.program, students.year_of_study) IS DISTINCT FROM (EXCLUDED.program, EXCLUDED.year_of_study)`,
    [student.id, student.program, student.yearOfStudy, student.timeZone],
  );
}

/** Never matched with the mentor again, and no longer their current mentor. */
export async function excludeMentor(manager: EntityManager, studentId: string, mentorId: string): Promise<void> {
  await manager.query(
    `UPDATE students SET
       excluded_mentor_ids = CASE WHEN excluded_mentor_ids ? $2 THEN excluded_mentor_ids ELSE excluded_mentor_ids || to_jsonb($2::text) END,
       current_mentor_id = CASE WHEN current_mentor_id = $2 THEN NULL ELSE current_mentor_id END,
       updated_at = now()
     WHERE id = $1`,
    [studentId, mentorId],
  );
}

export async function setCurrentMentor(manager: EntityManager, studentId: string, mentorId: string): Promise<void> {
  await manager.query(`UPDATE students SET current_mentor_id = $2, updated_at = now() WHERE id = $1`, [studentId, mentorId]);
}
