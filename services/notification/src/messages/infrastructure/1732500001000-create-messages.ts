import { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages (one per person per triggering event), their deliveries per channel, and the delivery log. */
export class CreateMessages1732500001000 implements MigrationInterface {
  name = 'CreateMessages1732500001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rendered once, when planned: the inbox copy and the email say the same thing, and a template
    // that cannot render stops the event (dead letter) instead of a send.
    await queryRunner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        triggering_event_id text NOT NULL,
        correlation_id text NOT NULL,
        event_subject text NOT NULL,
        case_id text,
        recipient_id text NOT NULL,
        recipient_role text NOT NULL,
        template text NOT NULL,
        locale text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text NOT NULL,
        calendar jsonb,
        escalation jsonb,
        created_at timestamptz NOT NULL,
        CONSTRAINT messages_event_recipient_uq UNIQUE (triggering_event_id, recipient_id)
      )`);
    await queryRunner.query(`CREATE INDEX messages_recipient_idx ON messages (recipient_id, created_at DESC)`);
    // delivery_key = deliveryKey(event, recipient, channel): the exactly-once guarantee per channel.
    await queryRunner.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messages (id),
        channel text NOT NULL CHECK (channel IN ('email', 'inbox')),
        delivery_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('delivered', 'queued', 'deferred', 'held', 'sending', 'sent', 'failed', 'skipped', 'digested')),
        due_at timestamptz,
        digest_kind text CHECK (digest_kind IN ('frequency-cap', 'daily-escalations')),
        digest_message_id uuid REFERENCES messages (id),
        attempts int NOT NULL DEFAULT 0,
        claim_token uuid,
        claimed_until timestamptz,
        smtp_message_id text,
        last_response text,
        sent_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT deliveries_key_uq UNIQUE (delivery_key),
        CONSTRAINT deliveries_message_channel_uq UNIQUE (message_id, channel)
      )`);
    await queryRunner.query(
      `CREATE INDEX deliveries_pending_idx ON deliveries (status, due_at) WHERE status IN ('queued', 'deferred', 'held', 'sending')`,
    );
    await queryRunner.query(`
      CREATE TABLE delivery_log (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES deliveries (id),
        status text NOT NULL,
        attempt int,
        detail text,
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX delivery_log_delivery_idx ON delivery_log (delivery_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE delivery_log');
    await queryRunner.query('DROP TABLE deliveries');
    await queryRunner.query('DROP TABLE messages');
  }
}
