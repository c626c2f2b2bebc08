import { MigrationInterface, QueryRunner } from 'typeorm';

/** Timers for meeting reminders and nudges, and the instant each timer was set for (kept when a retry moves it on). */
export class FollowThroughTimers1733300016301 implements MigrationInterface {
  name = 'FollowThroughTimers1733300016301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_timers DROP CONSTRAINT case_timers_kind_check`);
    await queryRunner.query(`
      ALTER TABLE case_timers ADD CONSTRAINT case_timers_kind_check CHECK (kind IN (
        'sla-reminder', 'sla-expiry', 'meeting-reminder', 'nudge-not-booked', 'nudge-no-first-meeting', 'nudge-cadence-overdue'))`);
    await queryRunner.query(`ALTER TABLE case_timers ADD COLUMN scheduled_for timestamptz`);
    await queryRunner.query(`UPDATE case_timers SET scheduled_for = due_at`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_timers DROP COLUMN scheduled_for`);
    await queryRunner.query(`DELETE FROM case_timers WHERE kind NOT IN ('sla-reminder', 'sla-expiry')`);
    await queryRunner.query(`ALTER TABLE case_timers DROP CONSTRAINT case_timers_kind_check`);
    await queryRunner.query(`ALTER TABLE case_timers ADD CONSTRAINT case_timers_kind_check CHECK (kind IN ('sla-reminder', 'sla-expiry'))`);
  }
}
