import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClaimedDeliveryRow, DeliveryJournal, DeliveryRef, DeliveryState, JournalEntry, Message, MessageStore } from '../messages';
import { RecipientDirectory } from '../recipients';

/** An email this replica holds the claim on, with everything needed to send it. */
export interface ClaimedEmail {
  deliveryId: string;
  deliveryKey: string;
  claimToken: string;
  /** This attempt's number, from 1. */
  attempt: number;
  message: Message;
  to: { name: string; address: string } | null;
}

/** What became of an attempt: the delivery's new state and the journal entry saying so. */
export interface AttemptOutcome {
  state: Extract<DeliveryState, 'sent' | 'queued' | 'failed' | 'skipped'>;
  dueAt: Date | null;
  sentAt: Date | null;
  smtpMessageId: string | null;
  response: string | null;
  entry: JournalEntry;
}

/**
 * The durable queue of email deliveries. A claim is a lease in the database's own time (not the
 * injectable clock, which tests move): while it runs no other replica takes the row, and a replica
 * that died mid-send leaves a lease that lapses, after which the email is sent again.
 */
@Injectable()
export class EmailQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessageStore,
    private readonly journal: DeliveryJournal,
    private readonly recipients: RecipientDirectory,
  ) {}

  /** Claims up to `limit` emails due at `now`, and those whose earlier claim lapsed. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedEmail[]> {
    const claimToken = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.store.claimDueEmails(manager, now, limit, claimToken, leaseMs);
      if (rows.length === 0) return [];
      const claimed = await this.withContent(manager, rows, claimToken);
      for (const email of claimed.filter((_, index) => rows[index].previous_status === 'sending')) {
        await this.journal.note(manager, email.deliveryId, {
          log: 'interrupted',
          attempt: email.attempt - 1,
          detail: 'the previous attempt ended without a recorded outcome; sending again with the same Message-ID',
          at: now,
        });
      }
      return claimed;
    });
  }

  /**
   * Records an attempt's outcome, state and log entry (and the dispatched event) in one
   * transaction. False when the claim had lapsed and another replica took the email over: then
   * only the log learns what this attempt did.
   */
  async complete(email: ClaimedEmail, outcome: AttemptOutcome): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const completed = await this.store.completeAttempt(manager, {
        deliveryId: email.deliveryId,
        claimToken: email.claimToken,
        state: outcome.state,
        dueAt: outcome.dueAt,
        sentAt: outcome.sentAt,
        smtpMessageId: outcome.smtpMessageId,
        response: outcome.response,
        at: outcome.entry.at,
      });
      const ref: DeliveryRef = { deliveryId: email.deliveryId, channel: 'email', message: email.message };
      if (!completed) {
        await this.journal.note(manager, email.deliveryId, { ...outcome.entry, detail: `${outcome.entry.detail ?? ''} (after its claim had lapsed)`.trim() });
        return false;
      }
      await this.journal.record(manager, ref, outcome.entry);
      return true;
    });
  }

  private async withContent(manager: EntityManager, rows: ClaimedDeliveryRow[], claimToken: string): Promise<ClaimedEmail[]> {
    const messages = await this.store.messagesById(manager, rows.map((row) => row.message_id));
    const recipients = await this.recipients.findEach(manager, [...messages.values()].map((message) => message.recipientId));
    return rows.map((row) => {
      const message = messages.get(row.message_id) as Message;
      const recipient = recipients.get(message.recipientId);
      return {
        deliveryId: row.id,
        deliveryKey: row.delivery_key,
        claimToken,
        attempt: row.attempts,
        message,
        to: recipient?.email ? { name: recipient.displayName, address: recipient.email } : null,
      };
    });
  }
}

