import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CASE_TIMER_KINDS = [
  'sla-reminder',
  'sla-expiry',
  'meeting-reminder',
  'nudge-not-booked',
  'nudge-no-first-meeting',
  'nudge-cadence-overdue',
] as const;
export type CaseTimerKind = (typeof CASE_TIMER_KINDS)[number];

/**
 * A durable timer: due at `due_at`, fired once (`fired_at`) by whichever replica claims it first.
 * A timer that fires after its case moved on finds nothing to do, which counts as fired.
 */
@Entity({ name: 'case_timers' })
export class CaseTimerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text' })
  kind: CaseTimerKind;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  /** The instant the timer was set for; `due_at` moves on when a failing one is retried later, this does not. */
  @Column({ type: 'timestamptz', name: 'scheduled_for', nullable: true })
  scheduledFor: Date | null;

  @Column({ type: 'timestamptz', name: 'fired_at', nullable: true })
  firedAt: Date | null;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;
}
