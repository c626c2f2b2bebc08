import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Everything that happened to a case, in order: each published event, and the quiet changes (risk re-assessed, cadence agreed). */
@Entity({ name: 'case_history' })
export class CaseHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  /** The case event published for this entry; null for entries that are not events. */
  @Column({ type: 'uuid', name: 'event_id', nullable: true })
  eventId: string | null;

  @Column({ type: 'text', name: 'correlation_id' })
  correlationId: string;

  /** `<role>:<id>` of whoever caused it, or `system:<worker>`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'jsonb' })
  details: object;
}
