import type { CaseStatus } from '@mentoring/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which mentor holds a case now, so a mentor can read the standing of the students in their caseload. */
@Entity({ name: 'case_assignments' })
@Index('case_assignments_mentor_idx', ['mentorId', 'studentId'])
export class CaseAssignmentEntity {
  @PrimaryColumn({ type: 'text', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text', name: 'student_id' })
  studentId: string;

  @Column({ type: 'text', name: 'mentor_id', nullable: true })
  mentorId: string | null;

  @Column({ type: 'text' })
  status: CaseStatus;

  /** The case event this state comes from; an older event never overwrites a newer state. */
  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;
}
