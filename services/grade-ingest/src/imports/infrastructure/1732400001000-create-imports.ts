import { MigrationInterface, QueryRunner } from 'typeorm';

/** OneRoster imports with their reports, resume positions and leases. */
export class CreateImports1732400001000 implements MigrationInterface {
  name = 'CreateImports1732400001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        feed text NOT NULL,
        status text NOT NULL CHECK (status IN ('processing', 'completed', 'failed')),
        upload jsonb NOT NULL,
        mapping jsonb NOT NULL DEFAULT '{}'::jsonb,
        correlation_id text NOT NULL,
        total_records int,
        rows_read int NOT NULL DEFAULT 0,
        accepted int NOT NULL DEFAULT 0,
        duplicate int NOT NULL DEFAULT 0,
        amended int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        last_row int NOT NULL DEFAULT 0,
        failure jsonb,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        lease_owner text,
        lease_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CHECK (rows_read = accepted + duplicate + amended + rejected)
      )`);
    await queryRunner.query(`CREATE INDEX imports_unfinished_idx ON imports (created_at) WHERE status = 'processing'`);
    await queryRunner.query(`
      CREATE TABLE import_rejections (
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        row int NOT NULL,
        source_record_id text NOT NULL,
        problems jsonb NOT NULL,
        PRIMARY KEY (import_id, row)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE import_rejections');
    await queryRunner.query('DROP TABLE imports');
  }
}
