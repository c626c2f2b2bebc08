import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { InboxRow, Message, MessageComposer, MessageStore } from '../messages';

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
    private readonly store: MessageStore,
    private readonly composer: MessageComposer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(recipientId: string, query: InboxQuery): Promise<{ unread: number; items: InboxItem[] }> {
    const manager = this.dataSource.manager;
    const programmes = query.programmes ?? null;
    const rows = await this.store.inboxPage(manager, recipientId, {
      unreadOnly: query.unreadOnly ?? false,
      before: query.before ?? null,
      limit: query.limit ?? DEFAULT_PAGE,
      programmes,
    });
    const unread = await this.store.unreadCount(manager, recipientId, programmes);
    const now = this.clock.now();
    return { unread, items: rows.map((row) => this.toInboxItem(row, now)) };
  }

  /** Marks an inbox message read; reading it again keeps the first moment. */
  async markRead(recipientId: string, messageId: string): Promise<{ messageId: string; readAt: Date }> {
    const readAt = await this.store.markRead(this.dataSource.manager, recipientId, messageId, this.clock.now());
    if (!readAt) throw new NotFoundException(`No message ${messageId} in the inbox of ${recipientId}`);
    return { messageId, readAt };
  }

  /** A message with each channel's delivery and its log, oldest entry first; `allow` throws to refuse the message. */
  async deliveriesOf(messageId: string, allow: (message: Message) => void) {
    const manager = this.dataSource.manager;
    const message = await this.store.findMessage(manager, messageId);
    if (!message) throw new NotFoundException(`No message ${messageId}`);
    allow(message);
    const { deliveries, log } = await this.store.deliveriesWithLog(manager, messageId);
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

  // A message offering times is rendered as it is shown, so the inbox never offers a time that has passed.
  private toInboxItem(row: InboxRow, now: Date): InboxItem {
    const content = row.planned ? this.composer.compose(row.planned, now) : { subject: row.subject, text: row.body_text, html: row.body_html };
    return {
      messageId: row.id,
      template: row.template,
      subject: content.subject,
      text: content.text,
      html: content.html,
      caseId: row.case_id,
      receivedAt: row.created_at,
      readAt: row.read_at,
    };
  }
}
