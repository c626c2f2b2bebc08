import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RESCORE_JOB_STATUSES = ['pending', 'running', 'done', 'superseded'] as const;
export type RescoreJobStatus = (typeof RESCORE_JOB_STATUSES)[number];

export type RescoreReason = 'policy-changed' | 'rescore-requested';

/**
 * Re-scores every student of a programme under one policy version. Durable: the cursor (the last
 * student id done) moves in the same transaction as the standings and outbox rows of each chunk,
 * so a job interrupted at any moment resumes where it stopped and never announces a change twice.
 */
@Entity({ name: 'rescore_jobs' })
@Index('rescore_jobs_unfinished_idx', ['createdAt'], { where: 'finished_at IS NULL' })
export class RescoreJobEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  program: string;

  @Column({ type: 'int', name: 'policy_version' })
  policyVersion: number;

  @Column({ type: 'text' })
  reason: RescoreReason;

  @Column({ type: 'text' })
  status: RescoreJobStatus;

  @Column({ type: 'text', nullable: true })
  cursor: string | null;

  @Column({ type: 'int', name: 'students_assessed', default: 0 })
  studentsAssessed: number;

  @Column({ type: 'int', name: 'standings_changed', default: 0 })
  standingsChanged: number;

  @Column({ type: 'text', name: 'requested_by' })
  requestedBy: string;

  /** The request's correlation id, carried by every event the job publishes. */
  @Column({ type: 'text', name: 'correlation_id' })
  correlationId: string;

  /** Also the `now` of every assessment in the job, so a resumed job decides as an uninterrupted one would. */
  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
