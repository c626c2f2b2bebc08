import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStandings1733100000000 implements MigrationInterface {
  name = 'CreateStandings1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE students (
        student_id text PRIMARY KEY,
        program text NOT NULL,
        year_of_study int NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The re-score job walks a programme's students in student_id order (keyset pagination).
    await queryRunner.query(`CREATE INDEX students_program_idx ON students (program, student_id)`);
    await queryRunner.query(`
      CREATE TABLE standings (
        student_id text PRIMARY KEY REFERENCES students (student_id),
        level text NOT NULL CHECK (level IN ('ok', 'watch', 'at-risk', 'urgent')),
        reasons jsonb NOT NULL,
        weak_courses jsonb NOT NULL,
        metrics jsonb NOT NULL,
        policy_version int NOT NULL,
        assessed_at timestamptz NOT NULL,
        changed_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE standing_changes (
        event_id uuid PRIMARY KEY,
        student_id text NOT NULL REFERENCES students (student_id),
        level text NOT NULL,
        previous_level text NOT NULL,
        reasons jsonb NOT NULL,
        weak_courses jsonb NOT NULL,
        metrics jsonb NOT NULL,
        policy_version int NOT NULL,
        trigger text NOT NULL,
        trigger_id text NOT NULL,
        changed_by text NOT NULL,
        correlation_id text NOT NULL,
        assessed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX standing_changes_student_idx ON standing_changes (student_id, assessed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE standing_changes');
    await queryRunner.query('DROP TABLE standings');
    await queryRunner.query('DROP TABLE students');
  }
}
