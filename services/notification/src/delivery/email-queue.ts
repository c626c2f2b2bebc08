import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { DeliveryJournal, DeliveryRef, JournalEntry } from '../messages/delivery-journal';
import { DeliveryState, MessageEntity } from '../messages/infrastructure/message.entity';
import { RecipientEntity } from '../recipients/infrastructure/recipient.entity';

/** An email this replica holds the claim on, with everything needed to send it. */
export interface ClaimedEmail {
  deliveryId: string;
  deliveryKey: string;
  claimToken: string;
  /** This attempt's number, from 1. */
  attempt: number;
  message: MessageEntity;
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

interface ClaimedRow {
  id: string;
  delivery_key: string;
  attempts: number;
  message_id: string;
  previous_status: DeliveryState;
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
    private readonly journal: DeliveryJournal,
  ) {}

  /** Claims up to `limit` emails due at `now`, and those whose earlier claim lapsed. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedEmail[]> {
    const claimToken = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const [rows]: [ClaimedRow[], number] = await manager.query(
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
      const [, updated]: [unknown[], number] = await manager.query(
        `UPDATE deliveries
            SET status = $3, due_at = $4, sent_at = $5, smtp_message_id = coalesce($6, smtp_message_id), last_response = $7,
                claim_token = NULL, claimed_until = NULL, updated_at = $8
          WHERE id = $1 AND claim_token = $2`,
        [email.deliveryId, email.claimToken, outcome.state, outcome.dueAt, outcome.sentAt, outcome.smtpMessageId, outcome.response, outcome.entry.at],
      );
      const ref: DeliveryRef = { deliveryId: email.deliveryId, channel: 'email', message: email.message };
      if (updated === 0) {
        await this.journal.note(manager, email.deliveryId, { ...outcome.entry, detail: `${outcome.entry.detail ?? ''} (after its claim had lapsed)`.trim() });
        return false;
      }
      await this.journal.record(manager, ref, outcome.entry);
      return true;
    });
  }

  private async withContent(manager: EntityManager, rows: ClaimedRow[], claimToken: string): Promise<ClaimedEmail[]> {
    const messageIds = rows.map((row) => row.message_id);
    const messages = new Map((await manager.findBy(MessageEntity, { id: In(messageIds) })).map((message) => [message.id, message]));
    const recipientIds = [...messages.values()].map((message) => message.recipientId);
    const recipients = new Map((await manager.findBy(RecipientEntity, { id: In(recipientIds) })).map((recipient) => [recipient.id, recipient]));
    return rows.map((row) => {
      const message = messages.get(row.message_id) as MessageEntity;
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

