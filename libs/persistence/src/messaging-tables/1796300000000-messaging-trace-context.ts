import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * W3C trace contexts kept with the messages: an outbox row keeps the one of the transaction that
 * wrote it, so the relay publishes the event as part of the trace that caused it, however much
 * later it runs; an inbox row keeps the one of the span that handled the event, so work done later
 * on its behalf (a matching burst, a queued email) continues that trace. Older rows have none.
 */
export class MessagingTraceContext1796300000000 implements MigrationInterface {
  name = 'MessagingTraceContext1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text`);
    await queryRunner.query(`ALTER TABLE inbox ADD COLUMN IF NOT EXISTS traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE inbox DROP COLUMN traceparent`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
  }
}
