import { MigrationInterface, QueryRunner } from 'typeorm';

/** Grades keep the category and weight grades.recorded.v1 carries, so a policy can weight by category. */
export class AddStudentGradeCategories1764800000100 implements MigrationInterface {
  name = 'AddStudentGradeCategories1764800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE student_grades ADD COLUMN category text, ADD COLUMN category_weight double precision');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE student_grades DROP COLUMN category, DROP COLUMN category_weight');
  }
}
