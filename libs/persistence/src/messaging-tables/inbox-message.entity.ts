import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per event a consumer group has handled, inserted in the handler's transaction: a
 * conflicting insert means the event was handled before, so redelivery has no effect.
 */
@Entity({ name: 'inbox' })
export class InboxMessageEntity {
  @PrimaryColumn({ type: 'text', name: 'consumer_group' })
  consumerGroup: string;

  @PrimaryColumn({ type: 'text', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'int' })
  partition: number;

  @Column({ type: 'bigint' })
  offset: string;

  /** The W3C `traceparent` of the span that handled the event, for work done later on its behalf. */
  @Column({ type: 'text', nullable: true })
  traceparent: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'processed_at' })
  processedAt: Date;
}
