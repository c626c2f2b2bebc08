import { MigrationInterface, QueryRunner } from 'typeorm';

/** The recipient directory and each recipient's delivery preferences. */
export class CreateRecipients1732500000000 implements MigrationInterface {
  name = 'CreateRecipients1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per person: ids are institutional and unique across roles, and a person may hold
    // several roles (a faculty member who mentors and coordinates).
    await queryRunner.query(`
      CREATE TABLE recipients (
        id text PRIMARY KEY,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        display_name text NOT NULL,
        email text,
        time_zone text NOT NULL,
        programmes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX recipients_programmes_idx ON recipients USING gin (programmes)`);
    // No foreign key: a person may choose their preferences before any message names them.
    await queryRunner.query(`
      CREATE TABLE recipient_preferences (
        recipient_id text PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('email', 'inbox')),
        email_opt_out boolean NOT NULL,
        quiet_hours_start text,
        quiet_hours_end text,
        max_emails_per_24h int CHECK (max_emails_per_24h >= 1),
        daily_digest boolean NOT NULL,
        locale text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_hours_start IS NULL) = (quiet_hours_end IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE recipient_preferences');
    await queryRunner.query('DROP TABLE recipients');
  }
}
