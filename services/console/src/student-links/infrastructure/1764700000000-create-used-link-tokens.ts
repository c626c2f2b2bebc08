import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ids of links whose one-time action was done, shared by every console replica. */
export class CreateUsedLinkTokens1764700000000 implements MigrationInterface {
  name = 'CreateUsedLinkTokens1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE used_link_tokens (
        token_id text PRIMARY KEY,
        recipient_id text NOT NULL,
        operation text NOT NULL,
        used_at timestamptz NOT NULL,
        -- After this the link is refused as expired anyway, and its row can go.
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX used_link_tokens_expires_at_idx ON used_link_tokens (expires_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE used_link_tokens');
  }
}
