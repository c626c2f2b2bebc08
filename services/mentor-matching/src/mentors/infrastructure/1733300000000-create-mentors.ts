import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMentors1733300000000 implements MigrationInterface {
  name = 'CreateMentors1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No CHECK of open_cases against max_open_cases: a coordinator may lower a busy mentor's
    // capacity, who then simply takes nothing new. Increments are conditional instead.
    await queryRunner.query(`
      CREATE TABLE mentors (
        id text PRIMARY KEY,
        display_name text NOT NULL,
        email text,
        time_zone text NOT NULL,
        programs jsonb NOT NULL,
        expertise_course_codes jsonb NOT NULL,
        max_open_cases int NOT NULL CHECK (max_open_cases >= 0),
        open_cases int NOT NULL DEFAULT 0 CHECK (open_cases >= 0),
        weekly_availability jsonb NOT NULL,
        blocks jsonb NOT NULL,
        leave jsonb NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE mentors');
  }
}
