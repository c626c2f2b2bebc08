import type { CaseStatus } from '@mentoring/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest known state of a mentoring case: which mentor holds it and whether it is still open. */
@Entity({ name: 'case_assignments' })
export class CaseAssignmentEntity {
  @PrimaryColumn('text', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'student_id' }) studentId!: string;
  @Column('text', { name: 'mentor_id', nullable: true }) mentorId!: string | null;
  @Column('text') status!: CaseStatus;
  /** The case event this state comes from; an older event never overwrites a newer state. */
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
}
