import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in limits move from the accounts row to counters per client, per (username, client) and per
 * username, in rate-limiter-flexible's Postgres layout (see SignInLimits); unknown usernames are
 * counted like real ones, which a column on accounts could not do.
 */
export class SignInLimits1764412000000 implements MigrationInterface {
  name = 'SignInLimits1764412000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sign_in_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await queryRunner.query(`CREATE INDEX sign_in_limits_expire ON sign_in_limits (expire)`);
    await queryRunner.query(`ALTER TABLE accounts DROP COLUMN locked_until, DROP COLUMN failed_sign_ins`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE accounts
        ADD COLUMN failed_sign_ins int NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
        ADD COLUMN locked_until timestamptz`);
    await queryRunner.query(`DROP TABLE sign_in_limits`);
  }
}
