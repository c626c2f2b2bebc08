import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Channel, RecipientRole } from '@mentoring/contracts';
import { EntityManager, In } from 'typeorm';
import type { DigestKind } from '../domain';
import type { EscalationAwaitingAction, PlannedMessage } from '../../outreach/domain';
import { DeliveryEntity, DeliveryLogEntity, DeliveryState, LogStatus, MessageEntity } from './message.entity';

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

/** A delivery claimed for sending. */
export interface ClaimedDeliveryRow {
  id: string;
  delivery_key: string;
  attempts: number;
  message_id: string;
  previous_status: DeliveryState;
}

/** A held email waiting for its digest. */
export interface HeldEmailRow {
  delivery_id: string;
  subject: string;
  escalation: EscalationAwaitingAction | null;
  recipient_role: RecipientRole;
}

/** The held emails of one recipient and digest kind. */
export interface DigestGroupRow {
  recipient_id: string;
  digest_kind: DigestKind;
}

/** One inbox entry as stored. */
export interface InboxRow {
  id: string;
  template: string;
  subject: string;
  body_text: string;
  body_html: string;
  case_id: string | null;
  created_at: Date;
  read_at: Date | null;
  /** Set for a message that offers times: it is rendered again when shown. */
  planned: PlannedMessage | null;
}

/** An attempt's recorded outcome, written only while the claim holds. */
export interface AttemptRecord {
  deliveryId: string;
  claimToken: string;
  state: DeliveryState;
  dueAt: Date | null;
  sentAt: Date | null;
  smtpMessageId: string | null;
  response: string | null;
  at: Date;
}

const EMAIL_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The only SQL of messages, deliveries and delivery_log; every method runs with the caller's manager. */
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
         template, locale, subject, body_text, body_html, calendar, escalation, created_at, program, expires_at, planned, flagged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
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
        message.expiresAt,
        message.planned === null ? null : JSON.stringify(message.planned),
        message.flaggedAt,
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

  async findMessage(manager: EntityManager, id: string): Promise<MessageEntity | null> {
    return manager.findOneBy(MessageEntity, { id });
  }

  async messagesById(manager: EntityManager, ids: readonly string[]): Promise<Map<string, MessageEntity>> {
    if (ids.length === 0) return new Map();
    return new Map((await manager.findBy(MessageEntity, { id: In([...ids]) })).map((message) => [message.id, message]));
  }

  /** One entry of a delivery's log. */
  async appendLog(
    manager: EntityManager,
    entry: { deliveryId: string; status: LogStatus; attempt: number | null; detail: string | null; occurredAt: Date },
  ): Promise<void> {
    await manager.insert(DeliveryLogEntity, entry);
  }

  /** A held email now carried by a digest message. */
  async markDigested(manager: EntityManager, deliveryId: string, digestMessageId: string, now: Date): Promise<void> {
    await manager.update(DeliveryEntity, { id: deliveryId }, { status: 'digested', digestMessageId, dueAt: null, updatedAt: now });
  }

  /** The email's new plan after a wait: its state, when it is due and which digest would carry it. */
  async replanDelivery(
    manager: EntityManager,
    deliveryId: string,
    plan: { status: DeliveryState; dueAt: Date | null; digestKind: DigestKind | null },
    now: Date,
  ): Promise<void> {
    await manager.update(DeliveryEntity, { id: deliveryId }, { ...plan, updatedAt: now });
  }

  async skipDeliveries(manager: EntityManager, ids: readonly string[], now: Date): Promise<void> {
    await manager.update(DeliveryEntity, { id: In([...ids]) }, { status: 'skipped', dueAt: null, updatedAt: now });
  }

  async postponeDeliveries(manager: EntityManager, ids: readonly string[], until: Date, now: Date): Promise<void> {
    await manager.update(DeliveryEntity, { id: In([...ids]) }, { dueAt: until, updatedAt: now });
  }

  /**
   * Claims up to `limit` emails due at `now`, and those whose claim lapsed (in the database's own
   * time, so a replica's clock never decides whether another replica's lease is over).
   */
  async claimDueEmails(manager: EntityManager, now: Date, limit: number, claimToken: string, leaseMs: number): Promise<ClaimedDeliveryRow[]> {
    const [rows]: [ClaimedDeliveryRow[], number] = await manager.query(
      `WITH due AS (
         SELECT id, status AS previous_status FROM deliveries
          WHERE channel = 'email'
            AND ((status = 'queued' AND due_at <= $1) OR (status = 'sending' AND claimed_until < clock_timestamp()))
          ORDER BY due_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       )
       UPDATE deliveries d
          SET status = 'sending', claim_token = $3, claimed_until = clock_timestamp() + make_interval(secs => $4),
              attempts = d.attempts + 1, updated_at = $1
         FROM due
        WHERE d.id = due.id
       RETURNING d.id, d.delivery_key, d.attempts, d.message_id, due.previous_status`,
      [now, limit, claimToken, leaseMs / 1000],
    );
    return rows;
  }

  /** Records an attempt's outcome; false when the claim had lapsed (another replica owns the email now). */
  async completeAttempt(manager: EntityManager, attempt: AttemptRecord): Promise<boolean> {
    const [, updated]: [unknown[], number] = await manager.query(
      `UPDATE deliveries
          SET status = $3, due_at = $4, sent_at = $5, smtp_message_id = coalesce($6, smtp_message_id), last_response = $7,
              claim_token = NULL, claimed_until = NULL, updated_at = $8
        WHERE id = $1 AND claim_token = $2`,
      [attempt.deliveryId, attempt.claimToken, attempt.state, attempt.dueAt, attempt.sentAt, attempt.smtpMessageId, attempt.response, attempt.at],
    );
    return updated > 0;
  }

  /** A recipient's emails waiting for an address, locked. */
  lockAwaitingAddress(manager: EntityManager, recipientId: string): Promise<{ id: string; message_id: string }[]> {
    return manager.query(
      `SELECT d.id, d.message_id FROM deliveries d JOIN messages m ON m.id = d.message_id
        WHERE d.status = 'awaiting-address' AND m.recipient_id = $1
        ORDER BY d.created_at
        FOR UPDATE OF d`,
      [recipientId],
    );
  }

  /** Deferred emails whose wait is over, locked; in recipient order, so replicas lock recipients in one order and never deadlock. */
  lockDeferredDue(manager: EntityManager, now: Date, limit: number): Promise<{ id: string; message_id: string }[]> {
    return manager.query(
      `SELECT d.id, d.message_id FROM deliveries d JOIN messages m ON m.id = d.message_id
        WHERE d.status = 'deferred' AND d.due_at <= $1
        ORDER BY m.recipient_id, d.due_at
        LIMIT $2
        FOR UPDATE OF d SKIP LOCKED`,
      [now, limit],
    );
  }

  /** The recipient's emails about a case, of these templates, that have not gone yet (nor are being sent), locked. */
  async lockWaitingEmails(manager: EntityManager, recipientId: string, caseId: string, templates: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT d.id FROM deliveries d JOIN messages m ON m.id = d.message_id
        WHERE m.recipient_id = $1 AND m.case_id = $2 AND m.template = ANY ($3) AND d.channel = 'email'
          AND d.status IN ('queued', 'deferred', 'held', 'awaiting-address')
        FOR UPDATE OF d SKIP LOCKED`,
      [recipientId, caseId, [...templates]],
    );
    return rows.map((row) => row.id);
  }

  /** Recipients and digest kinds with held emails due. */
  dueDigestGroups(manager: EntityManager, now: Date, limit: number): Promise<DigestGroupRow[]> {
    return manager.query(
      `SELECT DISTINCT m.recipient_id, d.digest_kind FROM deliveries d JOIN messages m ON m.id = d.message_id
        WHERE d.status = 'held' AND d.due_at <= $1
        LIMIT $2`,
      [now, limit],
    );
  }

  /** The recipient's held emails of one digest kind that are due, oldest first, locked. */
  lockHeldEmails(manager: EntityManager, recipientId: string, kind: DigestKind, now: Date): Promise<HeldEmailRow[]> {
    return manager.query(
      `SELECT d.id AS delivery_id, m.subject, m.escalation, m.recipient_role FROM deliveries d JOIN messages m ON m.id = d.message_id
        WHERE m.recipient_id = $1 AND d.digest_kind = $2 AND d.status = 'held' AND d.due_at <= $3
        ORDER BY m.created_at
        FOR UPDATE OF d SKIP LOCKED`,
      [recipientId, kind, now],
    );
  }

  /** A page of the recipient's inbox, newest first; messages of other programmes are left out when `programmes` is given. */
  inboxPage(
    manager: EntityManager,
    recipientId: string,
    page: { unreadOnly: boolean; before: Date | null; limit: number; programmes: readonly string[] | null },
  ): Promise<InboxRow[]> {
    return manager.query(
      `SELECT m.id, m.template, m.subject, m.body_text, m.body_html, m.case_id, m.created_at, d.read_at, m.planned
         FROM messages m JOIN deliveries d ON d.message_id = m.id AND d.channel = 'inbox'
        WHERE m.recipient_id = $1
          AND ($2::boolean IS NOT TRUE OR d.read_at IS NULL)
          AND ($3::timestamptz IS NULL OR m.created_at < $3)
          AND ($5::text[] IS NULL OR m.program IS NULL OR m.program = ANY ($5))
        ORDER BY m.created_at DESC, m.id
        LIMIT $4`,
      [recipientId, page.unreadOnly, page.before, page.limit, page.programmes],
    );
  }

  async unreadCount(manager: EntityManager, recipientId: string, programmes: readonly string[] | null): Promise<number> {
    const [{ unread }]: { unread: number }[] = await manager.query(
      `SELECT count(*)::int AS unread FROM messages m JOIN deliveries d ON d.message_id = m.id AND d.channel = 'inbox'
        WHERE m.recipient_id = $1 AND d.read_at IS NULL AND ($2::text[] IS NULL OR m.program IS NULL OR m.program = ANY ($2))`,
      [recipientId, programmes],
    );
    return unread;
  }

  /** Marks the recipient's inbox copy read, keeping the first moment; undefined when they have no such message. */
  async markRead(manager: EntityManager, recipientId: string, messageId: string, now: Date): Promise<Date | undefined> {
    const [updated]: [{ read_at: Date }[], number] = await manager.query(
      `UPDATE deliveries d SET read_at = coalesce(d.read_at, $3), updated_at = $3
         FROM messages m
        WHERE d.message_id = m.id AND d.channel = 'inbox' AND m.id = $1 AND m.recipient_id = $2
       RETURNING d.read_at`,
      [messageId, recipientId, now],
    );
    return updated[0]?.read_at;
  }

  /** A message's deliveries by channel, with each one's log, oldest entry first. */
  async deliveriesWithLog(manager: EntityManager, messageId: string): Promise<{ deliveries: DeliveryEntity[]; log: DeliveryLogEntity[] }> {
    const deliveries = await manager.find(DeliveryEntity, { where: { messageId }, order: { channel: 'ASC' } });
    const log = await manager
      .createQueryBuilder(DeliveryLogEntity, 'entry')
      .where('entry.deliveryId IN (:...ids)', { ids: deliveries.map((delivery) => delivery.id) })
      .orderBy('entry.id')
      .getMany();
    return { deliveries, log };
  }
}
