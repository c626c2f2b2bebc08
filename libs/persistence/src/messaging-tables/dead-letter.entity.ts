import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const DEAD_LETTER_STATUSES = ['pending', 'replayed', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/** A message a consumer could not handle, kept with its original coordinates so it can be replayed. */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_status_idx', ['status', 'createdAt'])
export class DeadLetterEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text', name: 'consumer_group' })
  consumerGroup: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'int' })
  partition: number;

  @Column({ type: 'bigint' })
  offset: string;

  @Column({ type: 'text', name: 'message_key', nullable: true })
  messageKey: string | null;

  /** The original value; base64 when it was not valid UTF-8. */
  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text', name: 'value_encoding', default: 'utf8' })
  valueEncoding: 'utf8' | 'base64';

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  headers: Record<string, string>;

  @Column({ type: 'text', name: 'event_id', nullable: true })
  eventId: string | null;

  @Column({ type: 'text', name: 'event_type', nullable: true })
  eventType: string | null;

  /** A stable code such as `invalid-payload` or `unsupported-version`. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', name: 'error_class' })
  errorClass: string;

  @Column({ type: 'text', name: 'error_message' })
  errorMessage: string;

  @Column({ type: 'text', default: 'pending' })
  status: DeadLetterStatus;

  @Column({ type: 'int', name: 'replay_attempts', default: 0 })
  replayAttempts: number;

  @Column({ type: 'text', name: 'last_replay_error', nullable: true })
  lastReplayError: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;
}
