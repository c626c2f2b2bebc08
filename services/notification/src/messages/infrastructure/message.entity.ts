import { Channel, RecipientRole } from '@mentoring/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarAttachment, EscalationAwaitingAction, PlannedMessage } from '../../outreach/domain';
import type { DigestKind } from '../domain';

/** One message to one person for one triggering event (a case event, or a digest), rendered once. */
@Entity({ name: 'messages' })
export class MessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text', name: 'triggering_event_id' })
  triggeringEventId: string;

  @Column({ type: 'text', name: 'correlation_id' })
  correlationId: string;

  /** Kafka key of the dispatched events: the student of the case, or the recipient of a digest. */
  @Column({ type: 'text', name: 'event_subject' })
  eventSubject: string;

  @Column({ type: 'text', name: 'case_id', nullable: true })
  caseId: string | null;

  /** The programme of the case; null for a digest, which gathers messages of its own. */
  @Column({ type: 'text', nullable: true })
  program: string | null;

  @Column({ type: 'text', name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'text', name: 'recipient_role' })
  recipientRole: RecipientRole;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', name: 'body_text' })
  bodyText: string;

  @Column({ type: 'text', name: 'body_html' })
  bodyHtml: string;

  @Column({ type: 'jsonb', nullable: true })
  calendar: CalendarAttachment | null;

  /** What a coordinator's daily digest lists about an escalation. */
  @Column({ type: 'jsonb', nullable: true })
  escalation: EscalationAwaitingAction | null;

  /** After this, the email is dropped rather than sent late (a reminder, at the meeting's start). */
  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  /** Kept for a message that offers times, so its email is rendered again, with the times still ahead, when it goes. */
  @Column({ type: 'jsonb', nullable: true })
  planned: PlannedMessage | null;

  /** When the student of the case was flagged, as the case event said; null for digests and older messages. */
  @Column({ type: 'timestamptz', name: 'flagged_at', nullable: true })
  flaggedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/**
 * inbox: `delivered`. email: `queued` -> `sending` -> `sent`/`failed`, or `deferred`, `held` ->
 * `digested`, `skipped`, or `awaiting-address` (a student with no address yet) -> planned again
 * when the directory brings one.
 */
export const DELIVERY_STATES = ['delivered', 'queued', 'deferred', 'held', 'sending', 'sent', 'failed', 'skipped', 'digested', 'awaiting-address'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One channel of a message; `deliveryKey` makes it exactly once per (event, recipient, channel). */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'message_id' })
  messageId: string;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'text', name: 'delivery_key' })
  deliveryKey: string;

  @Column({ type: 'text' })
  status: DeliveryState;

  @Column({ type: 'timestamptz', name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'text', name: 'digest_kind', nullable: true })
  digestKind: DigestKind | null;

  /** The digest email that carried this held email. */
  @Column({ type: 'uuid', name: 'digest_message_id', nullable: true })
  digestMessageId: string | null;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'uuid', name: 'claim_token', nullable: true })
  claimToken: string | null;

  @Column({ type: 'timestamptz', name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  @Column({ type: 'text', name: 'smtp_message_id', nullable: true })
  smtpMessageId: string | null;

  @Column({ type: 'text', name: 'last_response', nullable: true })
  lastResponse: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** What happened to a delivery, in order: every decision and every SMTP attempt with its response. */
export const LOG_STATUSES = ['delivered', 'queued', 'deferred', 'held', 'digested', 'skipped', 'sent', 'failed', 'interrupted', 'awaiting-address'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

@Entity({ name: 'delivery_log' })
export class DeliveryLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', name: 'delivery_id' })
  deliveryId: string;

  @Column({ type: 'text' })
  status: LogStatus;

  @Column({ type: 'int', nullable: true })
  attempt: number | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;
}
