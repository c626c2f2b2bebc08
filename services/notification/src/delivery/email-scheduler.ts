import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PollingLoop } from '@mentoring/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { NotificationConfig } from '../config/notification.config';
import { LinkSigner } from '../links';
import { DeliveryJournal, DigestGroupRow as DigestGroup, DigestKind, EmailPlanner, HeldEmailRow as HeldEmail, Message, MessageRecorder, MessageStore } from '../messages';
import { MessageContext, planCoordinatorDigest, planHeldMessagesDigest, PlannedMessage } from '../outreach/domain';
import { RecipientRecord, recipientOf } from '../recipients';

/**
 * Durable timers of email, fired by whichever replica locks them first: deferred email whose
 * quiet hours ended is decided again (the cap counts what was sent meanwhile), and held email
 * whose time came goes out as one digest per recipient and kind.
 */
@Injectable()
export class EmailScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessageStore,
    private readonly planner: EmailPlanner,
    private readonly recorder: MessageRecorder,
    private readonly journal: DeliveryJournal,
    private readonly links: LinkSigner,
    private readonly config: NotificationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.loop = new PollingLoop('email-scheduler', config.SCHEDULER_POLL_MS, () => this.fireDue(), new Logger('email-scheduler'));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** One round; true when more may be due. */
  async fireDue(): Promise<boolean> {
    const moreDeferred = await this.releaseDeferred();
    const moreHeld = await this.sendDueDigests();
    return moreDeferred || moreHeld;
  }

  private releaseDeferred(): Promise<boolean> {
    const limit = this.config.DELIVERY_BATCH_SIZE;
    return this.dataSource.transaction(async (manager) => {
      const due = await this.store.lockDeferredDue(manager, this.clock.now(), limit);
      const messages = await this.store.messagesById(manager, due.map((row) => row.message_id));
      for (const row of due) {
        await this.recorder.replanEmail(manager, { deliveryId: row.id, channel: 'email', message: messages.get(row.message_id) as Message });
      }
      return due.length === limit;
    });
  }

  private async sendDueDigests(): Promise<boolean> {
    const limit = this.config.DELIVERY_BATCH_SIZE;
    const groups = await this.store.dueDigestGroups(this.dataSource.manager, this.clock.now(), limit);
    for (const group of groups) await this.dataSource.transaction((manager) => this.sendDigest(manager, group));
    return groups.length === limit;
  }

  private async sendDigest(manager: EntityManager, { recipient_id: recipientId, digest_kind: kind }: DigestGroup): Promise<void> {
    const state = await this.planner.decideDigest(manager, recipientId);
    const held = await this.store.lockHeldEmails(manager, recipientId, kind, this.clock.now());
    if (held.length === 0) return;
    const { decision, recipient } = state;
    if (decision.action === 'skip' || !recipient) return this.skip(manager, held, decision.action === 'skip' ? decision.reason : 'no-address');
    if (decision.action === 'send') {
      const linkFor = await this.links.linkFor(manager, this.clock.now(), [recipientId]);
      const context: MessageContext = { linkFor, teamName: this.config.TEAM_NAME, localeOf: () => state.preferences.locale ?? undefined };
      const [digest] = this.planDigest(kind, recipient, held, context);
      await this.recorder.recordDigest(manager, digest, held.map((email) => email.delivery_id));
      return;
    }
    await this.postpone(manager, held, decision.action === 'defer' ? decision.until : decision.at, decision.action === 'defer' ? 'quiet hours' : 'frequency cap');
  }

  // Escalations a coordinator reads once a day are listed with their case; anything else is listed by subject.
  private planDigest(kind: DigestKind, recipient: RecipientRecord, held: HeldEmail[], context: MessageContext): PlannedMessage[] {
    const digestId = randomUUID();
    const escalations = held.flatMap((email) => (email.escalation ? [email.escalation] : []));
    if (kind === 'daily-escalations' && escalations.length === held.length) {
      return planCoordinatorDigest(recipientOf(recipient, 'coordinator'), escalations, digestId, context);
    }
    return planHeldMessagesDigest(recipientOf(recipient, held[0].recipient_role), held.map((email) => email.subject), digestId, context);
  }

  // No email wanted any more: the held messages stay in the inbox, their email is skipped.
  private async skip(manager: EntityManager, held: HeldEmail[], reason: string): Promise<void> {
    const now = this.clock.now();
    const ids = held.map((email) => email.delivery_id);
    await this.store.skipDeliveries(manager, ids, now);
    for (const id of ids) await this.journal.note(manager, id, { log: 'skipped', detail: reason, at: now });
  }

  private async postpone(manager: EntityManager, held: HeldEmail[], until: Date, why: string): Promise<void> {
    const now = this.clock.now();
    const ids = held.map((email) => email.delivery_id);
    await this.store.postponeDeliveries(manager, ids, until, now);
    for (const id of ids) await this.journal.note(manager, id, { log: 'held', detail: `digest postponed to ${until.toISOString()} (${why})`, at: now });
  }
}
