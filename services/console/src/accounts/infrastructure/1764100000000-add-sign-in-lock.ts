import { MigrationInterface, QueryRunner } from 'typeorm';

/** Counts wrong passwords in a row per account and holds the lock they lead to (see AccountsService). */
export class AddSignInLock1764100000000 implements MigrationInterface {
  name = 'AddSignInLock1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE accounts
        ADD COLUMN failed_sign_ins int NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
        ADD COLUMN locked_until timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE accounts DROP COLUMN locked_until, DROP COLUMN failed_sign_ins`);
  }
}
