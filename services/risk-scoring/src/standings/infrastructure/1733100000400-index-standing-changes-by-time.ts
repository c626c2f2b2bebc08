import { MigrationInterface, QueryRunner } from 'typeorm';

/** The flag-trend report reads the last weeks of changes across every student: a range on assessed_at. */
export class IndexStandingChangesByTime1733100000400 implements MigrationInterface {
  name = 'IndexStandingChangesByTime1733100000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX standing_changes_assessed_at_idx ON standing_changes (assessed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX standing_changes_assessed_at_idx');
  }
}
