import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { deliveryKey, EscalationAwaitingAction, PlannedMessage, refreshableFormOf, supersededTemplates } from '../outreach/domain';
import { DeliveryJournal, DeliveryRef } from './delivery-journal';
import type { EmailPlan } from './domain';
import { EmailPlanner } from './email-planner';
import { MessageEntity } from './infrastructure/message.entity';
import { MessageStore } from './infrastructure/messages.store';
import { MessageComposer } from './message-composer';

/** Where a planned message comes from, beyond what the plan says. */
export interface MessageOrigin {
  correlationId: string;
  /** Kafka key of the dispatched events (the student of the case). */
  eventSubject: string;
  escalation: EscalationAwaitingAction | null;
  /** The programme of the case the message is about; null for a digest. */
  program: string | null;
  /** When the case's student was flagged; null for a digest or an event that does not say. */
  flaggedAt: Date | null;
}

const DISPATCHED_BY_PLAN = { queued: 'queued', deferred: 'deferred', held: 'digested', skipped: null, 'awaiting-address': 'deferred' } as const;

/** Whether an email's plan has a time it is due. */
function dueAtOf(plan: EmailPlan): Date | null {
  return plan.status === 'skipped' || plan.status === 'awaiting-address' ? null : plan.dueAt;
}

/** Turns planned messages into stored messages with one delivery per channel, each exactly once. */
@Injectable()
export class MessageRecorder {
  constructor(
    private readonly composer: MessageComposer,
    private readonly store: MessageStore,
    private readonly planner: EmailPlanner,
    private readonly journal: DeliveryJournal,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The inbox copy (delivered at once) and the email (as the recipient's preferences allow; a
   * student's waits for an address). Returns the email's plan; undefined when the message exists already.
   */
  async recordOutreach(manager: EntityManager, planned: PlannedMessage, origin: MessageOrigin): Promise<EmailPlan | undefined> {
    const message = await this.insert(manager, planned, origin);
    if (!message) return undefined;
    await this.skipSuperseded(manager, planned);
    await this.deliverToInbox(manager, message);
    const plan = await this.planner.plan(manager, message.recipientId, message.template, message.expiresAt, waitsForAddress(message));
    await this.scheduleEmail(manager, message, plan);
    return plan;
  }

  // A reminder still waiting (quiet hours, the cap, an address) would name a time that no longer holds.
  private async skipSuperseded(manager: EntityManager, planned: PlannedMessage): Promise<void> {
    const templates = supersededTemplates(planned);
    if (templates.length === 0 || !planned.caseId) return;
    const ids = await this.store.lockWaitingEmails(manager, planned.recipient.id, planned.caseId, templates);
    if (ids.length === 0) return;
    const now = this.clock.now();
    await this.store.skipDeliveries(manager, ids, now);
    for (const id of ids) await this.journal.note(manager, id, { log: 'skipped', detail: `superseded by ${planned.template} of event ${planned.triggeringEventId}`, at: now });
  }

  /** The student's emails that waited for an address, planned again now that the directory brought one. */
  async releaseAwaitingAddress(manager: EntityManager, recipientId: string): Promise<number> {
    const waiting = await this.store.lockAwaitingAddress(manager, recipientId);
    const messages = await this.store.messagesById(manager, waiting.map((row) => row.message_id));
    for (const row of waiting) {
      const message = messages.get(row.message_id);
      if (message) await this.replanEmail(manager, { deliveryId: row.id, channel: 'email', message });
    }
    return waiting.length;
  }

  /** A digest email, queued now, carrying held emails (whose full text already waits in the inbox). */
  async recordDigest(manager: EntityManager, planned: PlannedMessage, carriedDeliveryIds: readonly string[]): Promise<void> {
    const origin = { correlationId: planned.triggeringEventId, eventSubject: planned.recipient.id, escalation: null, program: null, flaggedAt: null };
    const digest = await this.insert(manager, planned, origin);
    if (!digest) return;
    const now = this.clock.now();
    await this.scheduleEmail(manager, digest, { status: 'queued', dueAt: now, detail: null });
    for (const deliveryId of carriedDeliveryIds) {
      await this.store.markDigested(manager, deliveryId, digest.id, now);
      await this.journal.note(manager, deliveryId, { log: 'digested', detail: `carried by digest message ${digest.id}`, at: now });
    }
  }

  /** Decides again about an email whose wait is over (quiet hours ended): send, wait, hold or skip. */
  async replanEmail(manager: EntityManager, ref: DeliveryRef): Promise<void> {
    const plan = await this.planner.plan(manager, ref.message.recipientId, ref.message.template, ref.message.expiresAt, waitsForAddress(ref.message));
    const now = this.clock.now();
    await this.store.replanDelivery(manager, ref.deliveryId, { status: plan.status, dueAt: dueAtOf(plan), digestKind: plan.status === 'held' ? plan.digestKind : null }, now);
    await this.journal.record(manager, ref, { log: plan.status, dispatched: DISPATCHED_BY_PLAN[plan.status], detail: plan.detail, at: now });
  }

  private insert(manager: EntityManager, planned: PlannedMessage, origin: MessageOrigin): Promise<MessageEntity | undefined> {
    const composed = this.composer.compose(planned, this.clock.now());
    return this.store.insertMessage(manager, {
      triggeringEventId: planned.triggeringEventId,
      correlationId: origin.correlationId,
      eventSubject: origin.eventSubject,
      caseId: planned.caseId,
      recipientId: planned.recipient.id,
      recipientRole: planned.recipient.role,
      template: planned.template,
      locale: composed.locale,
      subject: composed.subject,
      bodyText: composed.text,
      bodyHtml: composed.html,
      calendar: composed.calendar,
      escalation: origin.escalation,
      program: origin.program,
      expiresAt: planned.expiresAt === null ? null : new Date(planned.expiresAt),
      planned: refreshableFormOf(planned),
      createdAt: this.clock.now(),
      flaggedAt: origin.flaggedAt,
    });
  }

  private async deliverToInbox(manager: EntityManager, message: MessageEntity): Promise<void> {
    const now = this.clock.now();
    const deliveryId = await this.store.insertDelivery(
      manager,
      { messageId: message.id, channel: 'inbox', deliveryKey: deliveryKey(message.triggeringEventId, message.recipientId, 'inbox'), status: 'delivered', dueAt: null, digestKind: null, sentAt: now },
      now,
    );
    if (deliveryId) await this.journal.record(manager, { deliveryId, channel: 'inbox', message }, { log: 'delivered', dispatched: 'sent', detail: null, at: now });
  }

  private async scheduleEmail(manager: EntityManager, message: MessageEntity, plan: EmailPlan): Promise<void> {
    const now = this.clock.now();
    const deliveryId = await this.store.insertDelivery(
      manager,
      {
        messageId: message.id,
        channel: 'email',
        deliveryKey: deliveryKey(message.triggeringEventId, message.recipientId, 'email'),
        status: plan.status,
        dueAt: dueAtOf(plan),
        digestKind: plan.status === 'held' ? plan.digestKind : null,
        sentAt: null,
      },
      now,
    );
    if (!deliveryId) return;
    const ref: DeliveryRef = { deliveryId, channel: 'email', message };
    await this.journal.record(manager, ref, { log: plan.status, dispatched: DISPATCHED_BY_PLAN[plan.status], detail: plan.detail, at: now });
  }
}

// Only a student's email waits: staff addresses come with their records, and a digest carries what it carries.
function waitsForAddress(message: Pick<MessageEntity, 'recipientRole'>): boolean {
  return message.recipientRole === 'student';
}
