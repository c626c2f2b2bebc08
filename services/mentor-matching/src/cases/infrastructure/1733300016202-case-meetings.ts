import { MigrationInterface, QueryRunner } from 'typeorm';

/** A case's booked meeting as a calendar entry (uid, sequence, mode, place) and how many it has booked. */
export class CaseMeetings1733300016202 implements MigrationInterface {
  name = 'CaseMeetings1733300016202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases ADD COLUMN meeting jsonb, ADD COLUMN meetings_booked int NOT NULL DEFAULT 0`);
    // A meeting booked before meetings were calendar entries becomes the case's first one, at sequence 0.
    await queryRunner.query(`
      UPDATE cases SET meetings_booked = 1, meeting = confirmed_slot || jsonb_build_object(
        'uid', 'case-' || id || '-meeting-1@mentoring', 'sequence', 0, 'mode', 'in-person', 'location', '')
      WHERE confirmed_slot IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN meeting, DROP COLUMN meetings_booked`);
  }
}
