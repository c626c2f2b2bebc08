import { AssessmentType, ScoreStatus } from '@mentoring/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The path a grade arrived by. */
export type GradeChannel = 'rest' | 'kafka' | 'oneroster';

/**
 * One recorded version of a grade. A grade's identity is (feed, sourceRecordId); an amendment adds
 * a version that names the one it amends, and the replaced version stays as history.
 */
@Entity({ name: 'grades' })
export class GradeEntity {
  @PrimaryColumn('uuid', { name: 'grade_id' }) gradeId!: string;
  @Column('text') feed!: string;
  @Column('text', { name: 'source_record_id' }) sourceRecordId!: string;
  @Column('int') version!: number;
  @Column('uuid', { name: 'amends_grade_id', nullable: true }) amendsGradeId!: string | null;
  @Column('text', { name: 'student_id' }) studentId!: string;
  @Column('text') program!: string;
  @Column('int', { name: 'year_of_study' }) yearOfStudy!: number;
  @Column('text', { name: 'course_code' }) courseCode!: string;
  @Column('text', { name: 'assessment_id' }) assessmentId!: string;
  @Column('text', { name: 'assessment_type' }) assessmentType!: AssessmentType;
  @Column('double precision') score!: number;
  @Column('double precision', { name: 'max_score' }) maxScore!: number;
  @Column('text', { name: 'score_status' }) scoreStatus!: ScoreStatus;
  @Column('text', { nullable: true }) category!: string | null;
  @Column('double precision', { name: 'category_weight', nullable: true }) categoryWeight!: number | null;
  @Column('timestamptz', { name: 'graded_at' }) gradedAt!: Date;
  @Column('text') channel!: GradeChannel;
  /** The REST batch, OneRoster import or Kafka event that recorded this version. */
  @Column('text', { name: 'batch_id' }) batchId!: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt!: Date;
  /** Set when a later version amends this one; the current version of an identity has none. */
  @Column('timestamptz', { name: 'superseded_at', nullable: true }) supersededAt!: Date | null;
}
