import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace context of the transaction that wrote an outbox row, so the relay publishes the
 * event as part of the trace that caused it, however much later it runs. Rows written before
 * have none and are published without one.
 */
export class OutboxTraceContext1796300000000 implements MigrationInterface {
  name = 'OutboxTraceContext1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
  }
}
