import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `expires_at`: when a message stops being worth emailing (a meeting reminder, at the meeting's
 * start). `planned`: the planned message of one that offers times, so the email is rendered again
 * when it goes and shows no time that has passed meanwhile. Older messages have neither.
 */
export class AddMessageExpiryAndOffer1764600000300 implements MigrationInterface {
  name = 'AddMessageExpiryAndOffer1764600000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages ADD COLUMN expires_at timestamptz, ADD COLUMN planned jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN expires_at, DROP COLUMN planned`);
  }
}
