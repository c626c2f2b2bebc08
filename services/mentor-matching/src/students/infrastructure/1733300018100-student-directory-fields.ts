import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the student directory adds to a student: the name they go by, their identifiers in other
 * systems, and the source time of the newest directory update applied (older ones change nothing).
 */
export class StudentDirectoryFields1733300018100 implements MigrationInterface {
  name = 'StudentDirectoryFields1733300018100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE students
        ADD COLUMN preferred_name text,
        ADD COLUMN identifiers jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN directory_as_of timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE students DROP COLUMN directory_as_of, DROP COLUMN identifiers, DROP COLUMN preferred_name');
  }
}
