import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCaseTimers1733300000300 implements MigrationInterface {
  name = 'CreateCaseTimers1733300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_timers (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL CHECK (kind IN ('sla-reminder', 'sla-expiry')),
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        UNIQUE (case_id, kind, due_at)
      )`);
    await queryRunner.query(`CREATE INDEX case_timers_due_idx ON case_timers (due_at) WHERE fired_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_timers');
  }
}
