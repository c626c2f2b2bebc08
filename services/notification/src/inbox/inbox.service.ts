import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '../clock';
import { DeliveryEntity, DeliveryLogEntity, MessageEntity } from '../messages/infrastructure/message.entity';

export interface InboxQuery {
  unreadOnly?: boolean;
  limit?: number;
  /** Items received before this moment: the next page after the last item shown. */
  before?: Date;
  /** Only messages about cases of these programmes, and messages about no case's programme (digests). */
  programmes?: readonly string[];
}

export interface InboxItem {
  messageId: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  caseId: string | null;
  receivedAt: Date;
  readAt: Date | null;
}

const DEFAULT_PAGE = 50;

/** The in-app inbox: every message, whatever happened to its email. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(recipientId: string, query: InboxQuery): Promise<{ unread: number; items: InboxItem[] }> {
    const rows: InboxRow[] = await this.dataSource.query(
      `SELECT m.id, m.template, m.subject, m.body_text, m.body_html, m.case_id, m.created_at, d.read_at
         FROM messages m JOIN deliveries d ON d.message_id = m.id AND d.channel = 'inbox'
        WHERE m.recipient_id = $1
          AND ($2::boolean IS NOT TRUE OR d.read_at IS NULL)
          AND ($3::timestamptz IS NULL OR m.created_at < $3)
          AND ($5::text[] IS NULL OR m.program IS NULL OR m.program = ANY ($5))
        ORDER BY m.created_at DESC, m.id
        LIMIT $4`,
      [recipientId, query.unreadOnly ?? false, query.before ?? null, query.limit ?? DEFAULT_PAGE, query.programmes ?? null],
    );
    const [{ unread }]: { unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM messages m JOIN deliveries d ON d.message_id = m.id AND d.channel = 'inbox'
        WHERE m.recipient_id = $1 AND d.read_at IS NULL AND ($2::text[] IS NULL OR m.program IS NULL OR m.program = ANY ($2))`,
      [recipientId, query.programmes ?? null],
    );
    return { unread, items: rows.map(toInboxItem) };
  }

  /** Marks an inbox message read; reading it again keeps the first moment. */
  async markRead(recipientId: string, messageId: string): Promise<{ messageId: string; readAt: Date }> {
    const [updated]: [{ read_at: Date }[], number] = await this.dataSource.query(
      `UPDATE deliveries d SET read_at = coalesce(d.read_at, $3), updated_at = $3
         FROM messages m
        WHERE d.message_id = m.id AND d.channel = 'inbox' AND m.id = $1 AND m.recipient_id = $2
       RETURNING d.read_at`,
      [messageId, recipientId, this.clock.now()],
    );
    if (updated.length === 0) throw new NotFoundException(`No message ${messageId} in the inbox of ${recipientId}`);
    return { messageId, readAt: updated[0].read_at };
  }

  /** A message with each channel's delivery and its log, oldest entry first; `allow` throws to refuse the message. */
  async deliveriesOf(messageId: string, allow: (message: MessageEntity) => void) {
    const message = await this.dataSource.getRepository(MessageEntity).findOneBy({ id: messageId });
    if (!message) throw new NotFoundException(`No message ${messageId}`);
    allow(message);
    const deliveries = await this.dataSource.getRepository(DeliveryEntity).find({ where: { messageId }, order: { channel: 'ASC' } });
    const log = await this.dataSource
      .getRepository(DeliveryLogEntity)
      .createQueryBuilder('entry')
      .where('entry.deliveryId IN (:...ids)', { ids: deliveries.map((delivery) => delivery.id) })
      .orderBy('entry.id')
      .getMany();
    return {
      messageId: message.id,
      recipientId: message.recipientId,
      recipientRole: message.recipientRole,
      template: message.template,
      subject: message.subject,
      triggeringEventId: message.triggeringEventId,
      caseId: message.caseId,
      program: message.program,
      createdAt: message.createdAt,
      deliveries: deliveries.map((delivery) => ({
        channel: delivery.channel,
        status: delivery.status,
        deliveryKey: delivery.deliveryKey,
        dueAt: delivery.dueAt,
        attempts: delivery.attempts,
        smtpMessageId: delivery.smtpMessageId,
        lastResponse: delivery.lastResponse,
        sentAt: delivery.sentAt,
        readAt: delivery.readAt,
        digestMessageId: delivery.digestMessageId,
        log: log
          .filter((entry) => entry.deliveryId === delivery.id)
          .map((entry) => ({ status: entry.status, attempt: entry.attempt, detail: entry.detail, occurredAt: entry.occurredAt })),
      })),
    };
  }
}

interface InboxRow {
  id: string;
  template: string;
  subject: string;
  body_text: string;
  body_html: string;
  case_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

function toInboxItem(row: InboxRow): InboxItem {
  return {
    messageId: row.id,
    template: row.template,
    subject: row.subject,
    text: row.body_text,
    html: row.body_html,
    caseId: row.case_id,
    receivedAt: row.created_at,
    readAt: row.read_at,
  };
}
