import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme of the case a message is about, so a coordinator sees the deliveries and inbox
 * entries of their own programmes only. Messages recorded before it have none (ops can still read them).
 */
export class AddMessageProgramme1764600000200 implements MigrationInterface {
  name = 'AddMessageProgramme1764600000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages ADD COLUMN program text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN program`);
  }
}
