import type { SessionOutcome } from '@mentoring/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A logged mentoring session. Notes are private to the mentor and coordinators: never put into an event. */
@Entity({ name: 'case_sessions' })
export class CaseSessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text', name: 'mentor_id', nullable: true })
  mentorId: string | null;

  @Column({ type: 'text' })
  outcome: SessionOutcome;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'text', name: 'logged_by' })
  loggedBy: string;

  @Column({ type: 'timestamptz', name: 'logged_at' })
  loggedAt: Date;
}
