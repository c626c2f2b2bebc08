import { MigrationInterface, QueryRunner } from 'typeorm';

/** Unique names of the identity constraints, which concurrent recordings of one identity collide on. */
export const GRADE_IDENTITY_CONSTRAINTS = ['grades_current_identity_uq', 'grades_identity_version_uq'] as const;

/** Recorded grades, every version of every identity kept. */
export class CreateGrades1732400000000 implements MigrationInterface {
  name = 'CreateGrades1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE grades (
        grade_id uuid PRIMARY KEY,
        feed text NOT NULL,
        source_record_id text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        amends_grade_id uuid REFERENCES grades (grade_id),
        student_id text NOT NULL,
        program text NOT NULL,
        year_of_study int NOT NULL,
        course_code text NOT NULL,
        assessment_id text NOT NULL,
        assessment_type text NOT NULL,
        score double precision NOT NULL,
        max_score double precision NOT NULL,
        score_status text NOT NULL,
        graded_at timestamptz NOT NULL,
        channel text NOT NULL CHECK (channel IN ('rest', 'kafka', 'oneroster')),
        batch_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz,
        CONSTRAINT grades_identity_version_uq UNIQUE (feed, source_record_id, version)
      )`);
    // One current version per identity: two replicas recording the same new identity at once
    // collide here, and the loser retries and sees the winner's grade.
    await queryRunner.query(
      `CREATE UNIQUE INDEX grades_current_identity_uq ON grades (feed, source_record_id) WHERE superseded_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX grades_student_idx ON grades (student_id, graded_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE grades');
  }
}
