import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a case was opened (a risk flag, or the student asking), and the student's own words when they asked. */
export class CaseOpenedFor1733300019100 implements MigrationInterface {
  name = 'CaseOpenedFor1733300019100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cases
        ADD COLUMN opened_for text NOT NULL DEFAULT 'risk-flag' CHECK (opened_for IN ('risk-flag', 'self-referral')),
        ADD COLUMN student_note text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN opened_for, DROP COLUMN student_note`);
  }
}
