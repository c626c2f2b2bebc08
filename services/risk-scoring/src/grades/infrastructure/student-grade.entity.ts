import type { AssessmentType, ScoreStatus } from '@mentoring/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The current value of one recorded grade. Keyed by the feed's own record id, so an amendment
 * (same feed and sourceRecordId, new gradeId) replaces the value it amends instead of adding one.
 */
@Entity({ name: 'student_grades' })
@Index('student_grades_student_idx', ['studentId'])
export class StudentGradeEntity {
  @PrimaryColumn({ type: 'text' })
  feed: string;

  @PrimaryColumn({ type: 'text', name: 'source_record_id' })
  sourceRecordId: string;

  @Column({ type: 'uuid', name: 'grade_id' })
  gradeId: string;

  @Column({ type: 'text', name: 'student_id' })
  studentId: string;

  @Column({ type: 'text', name: 'course_code' })
  courseCode: string;

  @Column({ type: 'text', name: 'assessment_id' })
  assessmentId: string;

  @Column({ type: 'text', name: 'assessment_type' })
  assessmentType: AssessmentType;

  @Column({ type: 'double precision' })
  percentage: number;

  @Column({ type: 'text', name: 'score_status' })
  scoreStatus: ScoreStatus;

  @Column({ type: 'timestamptz', name: 'graded_at' })
  gradedAt: Date;

  /** When grade-ingest recorded this value (its event's time); an older value never overwrites a newer one. */
  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;

  @Column({ type: 'text', name: 'event_id' })
  eventId: string;

  /** The gradebook category the feed named (OneRoster categories.csv title), for category-weighted policies. */
  @Column({ type: 'text', nullable: true })
  category: string | null;

  /** The category's weight in the feed's gradebook, for policies that take the feed's weights. */
  @Column({ type: 'double precision', name: 'category_weight', nullable: true })
  categoryWeight: number | null;
}
