import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Channel } from '@mentoring/contracts';
import { EntityManager } from 'typeorm';
import type { DigestKind } from './domain';
import { DeliveryState, MessageEntity } from './infrastructure/message.entity';

export type NewMessage = Omit<MessageEntity, 'id'>;

export interface NewDelivery {
  messageId: string;
  channel: Channel;
  deliveryKey: string;
  status: DeliveryState;
  dueAt: Date | null;
  digestKind: DigestKind | null;
  sentAt: Date | null;
}

const EMAIL_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Writes messages and deliveries; every method runs in the caller's transaction. */
@Injectable()
export class MessageStore {
  /**
   * Inserts the message unless this event already produced one for this person (redelivery, a
   * replica racing): returns it, or undefined when it existed.
   */
  async insertMessage(manager: EntityManager, message: NewMessage): Promise<MessageEntity | undefined> {
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO messages (id, triggering_event_id, correlation_id, event_subject, case_id, recipient_id, recipient_role,
         template, locale, subject, body_text, body_html, calendar, escalation, created_at, program)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT ON CONSTRAINT messages_event_recipient_uq DO NOTHING RETURNING id`,
      [
        id,
        message.triggeringEventId,
        message.correlationId,
        message.eventSubject,
        message.caseId,
        message.recipientId,
        message.recipientRole,
        message.template,
        message.locale,
        message.subject,
        message.bodyText,
        message.bodyHtml,
        message.calendar === null ? null : JSON.stringify(message.calendar),
        message.escalation === null ? null : JSON.stringify(message.escalation),
        message.createdAt,
        message.program,
      ],
    );
    return inserted.length === 0 ? undefined : { id, ...message };
  }

  /** Inserts a delivery under its idempotency key; undefined when the key was already delivered. */
  async insertDelivery(manager: EntityManager, delivery: NewDelivery, now: Date): Promise<string | undefined> {
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO deliveries (id, message_id, channel, delivery_key, status, due_at, digest_kind, sent_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT ON CONSTRAINT deliveries_key_uq DO NOTHING RETURNING id`,
      [id, delivery.messageId, delivery.channel, delivery.deliveryKey, delivery.status, delivery.dueAt, delivery.digestKind, delivery.sentAt, now],
    );
    return inserted.length === 0 ? undefined : id;
  }

  /**
   * The emails that count against the recipient's cap at `now`: sent, being sent, or queued to go,
   * each at the time it went (or will go). Waiting and held emails count once they are sent.
   */
  async recentEmailTimes(manager: EntityManager, recipientId: string, now: Date): Promise<Date[]> {
    const rows: { at: Date }[] = await manager.query(
      `SELECT coalesce(d.sent_at, d.due_at) AS at
         FROM deliveries d JOIN messages m ON m.id = d.message_id
        WHERE m.recipient_id = $1 AND d.channel = 'email' AND d.status IN ('queued', 'sending', 'sent')
          AND coalesce(d.sent_at, d.due_at) > $2`,
      [recipientId, new Date(now.getTime() - EMAIL_WINDOW_MS)],
    );
    return rows.map((row) => new Date(row.at));
  }
}
