import { MigrationInterface, QueryRunner } from 'typeorm';

/** How and where a mentor meets students; existing mentors meet in person, the place to be agreed. */
export class MentorMeetingPlace1733300016201 implements MigrationInterface {
  name = 'MentorMeetingPlace1733300016201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE mentors
        ADD COLUMN meeting_mode text NOT NULL DEFAULT 'in-person' CHECK (meeting_mode IN ('in-person', 'video', 'phone')),
        ADD COLUMN meeting_place text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE mentors DROP COLUMN meeting_mode, DROP COLUMN meeting_place`);
  }
}
