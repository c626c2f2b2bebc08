import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePolicies1733100000300 implements MigrationInterface {
  name = 'CreatePolicies1733100000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE risk_policies (
        program text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        settings json NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE rescore_jobs (
        id uuid PRIMARY KEY,
        program text NOT NULL,
        policy_version int NOT NULL,
        reason text NOT NULL CHECK (reason IN ('policy-changed', 'rescore-requested')),
        status text NOT NULL CHECK (status IN ('pending', 'running', 'done', 'superseded')),
        cursor text,
        students_assessed int NOT NULL DEFAULT 0,
        standings_changed int NOT NULL DEFAULT 0,
        requested_by text NOT NULL,
        correlation_id text NOT NULL,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX rescore_jobs_unfinished_idx ON rescore_jobs (created_at) WHERE finished_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rescore_jobs');
    await queryRunner.query('DROP TABLE risk_policies');
  }
}
