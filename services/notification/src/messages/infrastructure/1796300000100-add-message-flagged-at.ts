import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the student of the message's case was flagged (from the case event), so the delivery of a
 * mentor's offer can be measured against the promise to reach a mentor soon after a flag.
 * Messages recorded before it, digests and events without the field have none.
 */
export class AddMessageFlaggedAt1796300000100 implements MigrationInterface {
  name = 'AddMessageFlaggedAt1796300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages ADD COLUMN IF NOT EXISTS flagged_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN flagged_at`);
  }
}
