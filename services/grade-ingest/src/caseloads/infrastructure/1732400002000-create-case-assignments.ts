import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who holds each mentoring case now, learnt from mentoring.case-events.v1: a student's current mentor may read their grades. */
export class CreateCaseAssignments1732400002000 implements MigrationInterface {
  name = 'CreateCaseAssignments1732400002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_assignments (
        case_id text PRIMARY KEY,
        student_id text NOT NULL,
        mentor_id text,
        status text NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX case_assignments_mentor_idx ON case_assignments (mentor_id, student_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_assignments');
  }
}
