import { Injectable } from '@nestjs/common';
import { createEnvelope, DeliveryStatus, NOTIFICATION_DISPATCHED_V1, NotificationDispatchedV1, TOPICS } from '@mentoring/contracts';
import { MessagingRuntime } from '@mentoring/messaging';
import { EntityManager } from 'typeorm';
import { SERVICE_NAME } from '../config/notification.config';
import { LogStatus, MessageEntity } from './infrastructure/message.entity';
import { MessageStore } from './infrastructure/messages.store';

/** A delivery with what its dispatched events say about the message. */
export interface DeliveryRef {
  deliveryId: string;
  channel: NotificationDispatchedV1['channel'];
  message: Pick<MessageEntity, 'id' | 'triggeringEventId' | 'correlationId' | 'eventSubject' | 'caseId' | 'recipientId' | 'recipientRole' | 'template' | 'expiresAt'>;
}

export interface JournalEntry {
  log: LogStatus;
  /** The outcome published on notifications.dispatched.v1; none for bookkeeping (skips, digest membership). */
  dispatched: DeliveryStatus | null;
  detail: string | null;
  attempt?: number;
  at: Date;
}

/** Records what happened to a delivery, in the log and, for outcomes, on notifications.dispatched.v1 (same transaction). */
@Injectable()
export class DeliveryJournal {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly store: MessageStore,
  ) {}

  async record(manager: EntityManager, ref: DeliveryRef, entry: JournalEntry): Promise<void> {
    await this.note(manager, ref.deliveryId, entry);
    if (entry.dispatched) await this.publish(manager, ref, entry.dispatched, entry);
  }

  /** A log entry only: bookkeeping that is no delivery outcome of its own. */
  async note(manager: EntityManager, deliveryId: string, entry: Omit<JournalEntry, 'dispatched'>): Promise<void> {
    await this.store.appendLog(manager, {
      deliveryId,
      status: entry.log,
      attempt: entry.attempt ?? null,
      detail: entry.detail,
      occurredAt: entry.at,
    });
  }

  private async publish(manager: EntityManager, { channel, message }: DeliveryRef, status: DeliveryStatus, entry: JournalEntry): Promise<void> {
    const data: NotificationDispatchedV1 = {
      messageId: message.id,
      recipientId: message.recipientId,
      recipientRole: message.recipientRole,
      channel,
      status,
      template: message.template,
      triggeringEventId: message.triggeringEventId,
      caseId: message.caseId,
      detail: entry.detail,
      occurredAt: entry.at.toISOString(),
    };
    await this.runtime.outbox.append(manager, TOPICS.notificationsDispatched, [
      createEnvelope({
        type: NOTIFICATION_DISPATCHED_V1,
        source: SERVICE_NAME,
        subject: message.eventSubject,
        data,
        cause: { id: message.triggeringEventId, correlationId: message.correlationId },
      }),
    ]);
  }
}
