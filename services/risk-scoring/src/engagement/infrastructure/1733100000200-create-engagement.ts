import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEngagement1733100000200 implements MigrationInterface {
  name = 'CreateEngagement1733100000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE engagement_signals (
        event_id text PRIMARY KEY,
        student_id text NOT NULL,
        case_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('session-attended', 'session-missed', 'session-cancelled', 'case-declined-by-student')),
        consecutive_missed int,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX engagement_signals_student_idx ON engagement_signals (student_id, occurred_at)`);
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
    await queryRunner.query('DROP TABLE engagement_signals');
  }
}
