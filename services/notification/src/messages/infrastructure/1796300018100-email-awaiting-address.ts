import { MigrationInterface, QueryRunner } from 'typeorm';

/** An email to a student with no address yet waits (`awaiting-address`) until the directory brings one. */
export class EmailAwaitingAddress1796300018100 implements MigrationInterface {
  name = 'EmailAwaitingAddress1796300018100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check,
        ADD CONSTRAINT deliveries_status_check
          CHECK (status IN ('delivered', 'queued', 'deferred', 'held', 'sending', 'sent', 'failed', 'skipped', 'digested', 'awaiting-address'))`);
    await queryRunner.query(`CREATE INDEX deliveries_awaiting_address_idx ON deliveries (message_id) WHERE status = 'awaiting-address'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX deliveries_awaiting_address_idx');
    await queryRunner.query(`
      ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check,
        ADD CONSTRAINT deliveries_status_check
          CHECK (status IN ('delivered', 'queued', 'deferred', 'held', 'sending', 'sent', 'failed', 'skipped', 'digested'))`);
  }
}
