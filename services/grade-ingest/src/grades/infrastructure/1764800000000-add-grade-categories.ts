import { MigrationInterface, QueryRunner } from 'typeorm';

/** Grades keep their gradebook category and its weight, so amendments and replays carry them on. */
export class AddGradeCategories1764800000000 implements MigrationInterface {
  name = 'AddGradeCategories1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE grades ADD COLUMN category text, ADD COLUMN category_weight double precision');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE grades DROP COLUMN category, DROP COLUMN category_weight');
  }
}
