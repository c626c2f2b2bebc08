import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a case remembers of its follow-through: meeting reminders and nudges sent, attempts to reach the student. */
export class CaseFollowThrough1733300016300 implements MigrationInterface {
  name = 'CaseFollowThrough1733300016300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cases
        ADD COLUMN reminders_sent jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN nudges_sent jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN contact_attempts int NOT NULL DEFAULT 0`);
    // An accepted case has already had the mentor's introduction.
    await queryRunner.query(`UPDATE cases SET contact_attempts = 1 WHERE accepted_at IS NOT NULL AND status <> 'closed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN reminders_sent, DROP COLUMN nudges_sent, DROP COLUMN contact_attempts`);
  }
}
