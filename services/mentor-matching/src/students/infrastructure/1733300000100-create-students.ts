import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStudents1733300000100 implements MigrationInterface {
  name = 'CreateStudents1733300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE students (
        id text PRIMARY KEY,
        program text NOT NULL,
        year_of_study int NOT NULL CHECK (year_of_study >= 1),
        display_name text,
        email text,
        time_zone text NOT NULL,
        preferred_times jsonb NOT NULL DEFAULT '[]'::jsonb,
        current_mentor_id text REFERENCES mentors (id),
        excluded_mentor_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE students');
  }
}
