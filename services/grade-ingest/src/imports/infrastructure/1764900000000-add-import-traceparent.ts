import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace context of the upload request, so the import's batches, run later and possibly by
 * another replica, belong to the same trace as the upload.
 */
export class AddImportTraceparent1764900000000 implements MigrationInterface {
  name = 'AddImportTraceparent1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE imports ADD COLUMN traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE imports DROP COLUMN traceparent`);
  }
}
