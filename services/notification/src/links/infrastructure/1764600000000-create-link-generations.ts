import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each recipient's link generation: revoking their links moves it on, and links of older generations stop working. */
export class CreateLinkGenerations1764600000000 implements MigrationInterface {
  name = 'CreateLinkGenerations1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No row means generation 0: nobody has revoked this recipient's links yet.
    await queryRunner.query(`
      CREATE TABLE link_generations (
        recipient_id text PRIMARY KEY,
        generation int NOT NULL CHECK (generation > 0),
        revoked_at timestamptz NOT NULL,
        revoked_by text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE link_generations');
  }
}
