import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programmes a coordinator is responsible for; the console puts them in every token it signs
 * for that coordinator, and the services show and change only those programmes' data. Existing
 * coordinator accounts start with none (and so see nothing programme-bound) until an admin saves
 * them again with `--programmes`.
 */
export class AddAccountProgrammes1764500000000 implements MigrationInterface {
  name = 'AddAccountProgrammes1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE accounts
        ADD COLUMN programmes text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT accounts_programmes_of_coordinators CHECK (role = 'coordinator' OR cardinality(programmes) = 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_programmes_of_coordinators, DROP COLUMN programmes`);
  }
}
