import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the student directory adds to a recipient: the name they go by, their ids in other systems,
 * the source time of the newest directory update applied, and when the programme's coordinators
 * were told the student cannot be emailed (once).
 */
export class RecipientDirectoryFields1796300018000 implements MigrationInterface {
  name = 'RecipientDirectoryFields1796300018000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE recipients
        ADD COLUMN preferred_name text,
        ADD COLUMN identifiers jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN directory_as_of timestamptz,
        ADD COLUMN unreachable_noted_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE recipients DROP COLUMN unreachable_noted_at, DROP COLUMN directory_as_of, DROP COLUMN identifiers, DROP COLUMN preferred_name');
  }
}
