import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A student as the events describe them: programme and year only. Assessing a student locks this
 * row, so a grade, a session and a re-score chunk never assess the same student at the same time.
 */
@Entity({ name: 'students' })
@Index('students_program_idx', ['program', 'studentId'])
export class StudentEntity {
  @PrimaryColumn({ type: 'text', name: 'student_id' })
  studentId: string;

  @Column({ type: 'text' })
  program: string;

  @Column({ type: 'int', name: 'year_of_study' })
  yearOfStudy: number;

  @Column({ type: 'timestamptz', name: 'first_seen_at', default: () => 'now()' })
  firstSeenAt: Date;
}
