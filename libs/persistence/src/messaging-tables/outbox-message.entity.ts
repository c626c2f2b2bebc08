import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event waiting to be published. Written in the same transaction as the state that caused it;
 * the relay publishes rows in `sequence` order and stamps `sent_at`. Column names follow the
 * Debezium outbox convention so a CDC relay could replace the polling one.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unsent_idx', ['sequence'], { where: 'sent_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  sequence: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text', name: 'aggregatetype' })
  aggregateType: string;

  /** The Kafka key: the studentId, so one student's events stay in order. */
  @Column({ type: 'text', name: 'aggregateid' })
  aggregateId: string;

  @Column({ type: 'text' })
  type: string;

  /** The exact message value (an envelope as JSON, or an original value for dead letters). */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  headers: Record<string, string>;

  /** The W3C `traceparent` of the transaction that wrote the row; the relay publishes under it. */
  @Column({ type: 'text', nullable: true })
  traceparent: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;
}
