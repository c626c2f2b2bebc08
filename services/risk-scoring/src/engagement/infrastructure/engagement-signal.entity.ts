import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ENGAGEMENT_SIGNAL_KINDS = ['session-attended', 'session-missed', 'session-cancelled', 'case-declined-by-student'] as const;
export type EngagementSignalKind = (typeof ENGAGEMENT_SIGNAL_KINDS)[number];

/** Something mentoring reported about a student's engagement, kept as a fact for the history view. */
@Entity({ name: 'engagement_signals' })
@Index('engagement_signals_student_idx', ['studentId', 'occurredAt'])
export class EngagementSignalEntity {
  /** The case event that reported it. */
  @PrimaryColumn({ type: 'text', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text', name: 'student_id' })
  studentId: string;

  @Column({ type: 'text', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text' })
  kind: EngagementSignalKind;

  /** Sessions missed in a row, as mentoring counted them; null for signals that are not sessions. */
  @Column({ type: 'int', name: 'consecutive_missed', nullable: true })
  consecutiveMissed: number | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  /** Breaks ties between signals that happened at the same moment: the later report wins. */
  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
