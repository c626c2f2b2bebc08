import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and dead-letter tables that every service's messaging relies on. */
export class MessagingTables1732300000000 implements MigrationInterface {
  name = 'MessagingTables1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        sequence bigserial NOT NULL UNIQUE,
        topic text NOT NULL,
        aggregatetype text NOT NULL,
        aggregateid text NOT NULL,
        type text NOT NULL,
        payload text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unsent_idx ON outbox (sequence) WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer_group text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY,
        consumer_group text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        message_key text,
        value text NOT NULL,
        value_encoding text NOT NULL DEFAULT 'utf8',
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        event_id text,
        event_type text,
        reason text NOT NULL,
        error_class text NOT NULL,
        error_message text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'replayed', 'discarded')),
        replay_attempts int NOT NULL DEFAULT 0,
        last_replay_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        UNIQUE (consumer_group, topic, partition, "offset")
      )`);
    await queryRunner.query(`CREATE INDEX dead_letters_status_idx ON dead_letters (status, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dead_letters');
    await queryRunner.query('DROP TABLE inbox');
    await queryRunner.query('DROP TABLE outbox');
  }
}
