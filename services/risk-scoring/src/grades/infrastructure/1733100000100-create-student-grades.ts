import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStudentGrades1733100000100 implements MigrationInterface {
  name = 'CreateStudentGrades1733100000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE student_grades (
        feed text NOT NULL,
        source_record_id text NOT NULL,
        grade_id uuid NOT NULL,
        student_id text NOT NULL,
        course_code text NOT NULL,
        assessment_id text NOT NULL,
        assessment_type text NOT NULL,
        percentage double precision NOT NULL,
        score_status text NOT NULL,
        graded_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        event_id text NOT NULL,
        PRIMARY KEY (feed, source_record_id)
      )`);
    await queryRunner.query(`CREATE INDEX student_grades_student_idx ON student_grades (student_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE student_grades');
  }
}
