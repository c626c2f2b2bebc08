import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { describeError, MessagingRuntime, PollingLoop } from '@mentoring/messaging';
import { inSpan, MetricsService, SLO_METRICS, SpanKind } from '@mentoring/observability';
import { SendMailOptions } from 'nodemailer';
import { Counter, Histogram } from 'prom-client';
import { Clock, CLOCK } from '@mentoring/platform';
import { NotificationConfig } from '../config/notification.config';
import { MessageComposer } from '../messages';
import { replyAddressOfMessage } from '../conversations';
import { EXPIRED, mailDomainOf, messageIdFor } from '../messages/domain';
import { classifySmtpFailure, describeSmtpFailure, retryDelayMs, SmtpFailure } from './domain';
import { AttemptOutcome, ClaimedEmail, EmailQueue } from './email-queue';
import { EmailSender, SendResult } from './email-sender';

// The lease must outlast the longest SMTP conversation (connect, greeting, then a socket timeout
// per reply), or a slow send could be taken over and sent twice.
const LEASE_TIMEOUTS = 4;
const LEASE_MARGIN_MS = 30_000;
const OUTCOME_RETRY_MS = 500;
// From seconds (the pipeline at work) to days (a flag that waited for a mentor with time).
const FLAG_TO_MENTOR_BUCKETS = [10, 30, 60, 120, 300, 600, 1_800, 3_600, 4 * 3_600, 12 * 3_600, 86_400, 3 * 86_400, 7 * 86_400];
/** The email that offers a mentor a new case: its delivery is when the mentor has been notified. */
const MENTOR_OFFER_TEMPLATE = 'mentor-new-case';

async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const waiting = [...items];
  const worker = async () => {
    for (let item = waiting.shift(); item !== undefined; item = waiting.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, waiting.length) }, worker));
}

/**
 * Sends due email. Each email is claimed by one replica (FOR UPDATE SKIP LOCKED + a lease), sent
 * with a Message-ID derived from its idempotency key, and its outcome recorded in one transaction
 * with the delivery log and notifications.dispatched.v1. The one at-least-once window: the server
 * accepted but the process died before that transaction committed; the lease then lapses and the
 * email goes again, recognisable by the same Message-ID.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly loop: PollingLoop;
  private readonly leaseMs: number;
  private readonly mailDomain: string;
  private readonly emails: Counter<'outcome'>;
  private readonly flagToMentorNotified: Histogram;

  constructor(
    private readonly queue: EmailQueue,
    private readonly sender: EmailSender,
    private readonly composer: MessageComposer,
    private readonly config: NotificationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsService,
    private readonly runtime: MessagingRuntime,
  ) {
    this.loop = new PollingLoop('email-delivery', config.DELIVERY_POLL_MS, () => this.deliverDue(), new Logger('email-delivery'));
    // Case events are what queue email: start sending as soon as their transaction commits.
    runtime.onCommitted(TOPICS.mentoringCaseEvents, () => this.loop.wake());
    this.leaseMs = config.SMTP_TIMEOUT_MS * LEASE_TIMEOUTS + LEASE_MARGIN_MS;
    this.mailDomain = mailDomainOf(config.MAIL_FROM);
    this.emails = metrics.createCounter('notification_email_attempts_total', 'SMTP attempts by outcome (sent, retry, failed, skipped)', ['outcome']);
    this.flagToMentorNotified = metrics.createHistogram(
      SLO_METRICS.flagToMentorNotified,
      "From a student's flag to their new mentor's offer email accepted by SMTP",
      [],
      FLAG_TO_MENTOR_BUCKETS,
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Lets the sends in flight finish and record their outcome. */
  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** One round: claim a batch, send it; true when the batch was full (more may be due). */
  async deliverDue(): Promise<boolean> {
    const claimed = await this.queue.claimDue(this.clock.now(), this.config.DELIVERY_BATCH_SIZE, this.leaseMs);
    await forEachConcurrently(claimed, this.config.DELIVERY_CONCURRENCY, (email) => this.deliver(email));
    return claimed.length === this.config.DELIVERY_BATCH_SIZE;
  }

  // The attempt continues the trace of the case event that queued the email.
  private deliver(email: ClaimedEmail): Promise<void> {
    return this.runtime.onBehalfOf(email.message.triggeringEventId, 'email delivery', () => this.attempt(email));
  }

  private async attempt(email: ClaimedEmail): Promise<void> {
    const claimedAt = Date.now();
    const smtpMessageId = messageIdFor(email.deliveryKey, this.mailDomain);
    const outcome = await this.tryToSend(email, smtpMessageId);
    this.emails.inc({ outcome: outcome.state === 'queued' ? 'retry' : outcome.state });
    this.recordMentorReached(email, outcome);
    if (outcome.entry.log === 'failed') this.logger.warn({ deliveryId: email.deliveryId, attempt: email.attempt, detail: outcome.entry.detail }, 'email attempt failed');
    await this.recordOutcome(email, outcome, claimedAt);
  }

  private send(mail: SendMailOptions): Promise<SendResult> {
    return inSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { 'network.protocol.name': 'smtp' } }, async (span) => {
      const result = await this.sender.send(mail);
      span.setAttribute('mentoring.smtp.accepted', result.accepted);
      return result;
    });
  }

  private async tryToSend(email: ClaimedEmail, smtpMessageId: string): Promise<AttemptOutcome> {
    if (!email.to) return this.skipped('no-address');
    // Checked again at the send: a retry or a slow queue can carry a reminder past the meeting's start.
    const { expiresAt } = email.message;
    if (expiresAt && this.clock.now() >= expiresAt) return this.skipped(`${EXPIRED}: not sent after ${expiresAt.toISOString()}`);
    return this.outcomeOf(email, smtpMessageId, await this.send(this.mailOf(email, email.to, smtpMessageId)));
  }

  // A message offering times is rendered again as it goes, so no time that has passed is offered.
  private contentOf(email: ClaimedEmail): { subject: string; text: string; html: string } {
    const { message } = email;
    if (message.planned) return this.composer.compose(message.planned, this.clock.now());
    return { subject: message.subject, text: message.bodyText, html: message.bodyHtml };
  }

  private recordMentorReached({ message }: ClaimedEmail, outcome: AttemptOutcome): void {
    if (outcome.state !== 'sent' || !outcome.sentAt || message.template !== MENTOR_OFFER_TEMPLATE || !message.flaggedAt) return;
    this.flagToMentorNotified.observe(Math.max(0, outcome.sentAt.getTime() - message.flaggedAt.getTime()) / 1000);
  }

  private mailOf(email: ClaimedEmail, to: NonNullable<ClaimedEmail['to']>, messageId: string): SendMailOptions {
    const { message } = email;
    const { subject, text, html } = this.contentOf(email);
    // Only a case-thread notice is answered by email: its reply address takes the answer into the thread.
    const replyTo = replyAddressOfMessage(message, this.config);
    return {
      from: this.config.MAIL_FROM,
      ...(replyTo ? { replyTo } : {}),
      to,
      subject,
      text,
      html,
      messageId,
      headers: { 'Content-Language': message.locale, 'Auto-Submitted': 'auto-generated' },
      attachments: message.calendar ? [{ filename: message.calendar.filename, content: message.calendar.content, contentType: message.calendar.contentType }] : [],
    };
  }

  private outcomeOf(email: ClaimedEmail, smtpMessageId: string, result: SendResult): AttemptOutcome {
    const now = this.clock.now();
    if (result.accepted) {
      return {
        state: 'sent',
        dueAt: null,
        sentAt: now,
        smtpMessageId,
        response: result.response,
        entry: { log: 'sent', dispatched: 'sent', detail: result.response, attempt: email.attempt, at: now },
      };
    }
    return this.failed(email, result.failure, smtpMessageId, now);
  }

  private failed(email: ClaimedEmail, failure: SmtpFailure, smtpMessageId: string, now: Date): AttemptOutcome {
    const reason = describeSmtpFailure(failure);
    const givingUp = classifySmtpFailure(failure) === 'permanent' || email.attempt >= this.config.DELIVERY_MAX_ATTEMPTS;
    if (givingUp) {
      const detail = `${reason}; giving up after attempt ${email.attempt} (the message stays in the inbox)`;
      return { state: 'failed', dueAt: null, sentAt: null, smtpMessageId, response: reason, entry: { log: 'failed', dispatched: 'failed', detail, attempt: email.attempt, at: now } };
    }
    const retryAt = new Date(now.getTime() + retryDelayMs(email.attempt, this.config.DELIVERY_RETRY_BASE_MS, this.config.DELIVERY_RETRY_MAX_MS));
    const detail = `${reason}; next attempt at ${retryAt.toISOString()}`;
    // The email is not lost, only postponed: consumers of dispatched events see it deferred.
    return { state: 'queued', dueAt: retryAt, sentAt: null, smtpMessageId, response: reason, entry: { log: 'failed', dispatched: 'deferred', detail, attempt: email.attempt, at: now } };
  }

  // The address was removed after the email was queued, or the email has expired.
  private skipped(detail: string): AttemptOutcome {
    const now = this.clock.now();
    return { state: 'skipped', dueAt: null, sentAt: null, smtpMessageId: null, response: null, entry: { log: 'skipped', dispatched: null, detail, at: now } };
  }

  /**
   * Keeps trying to record the outcome (the database may be briefly away) while the claim lasts:
   * an accepted email whose outcome is never recorded is the one that would go twice.
   */
  private async recordOutcome(email: ClaimedEmail, outcome: AttemptOutcome, claimedAt: number): Promise<void> {
    for (;;) {
      try {
        if (!(await this.queue.complete(email, outcome))) {
          this.logger.warn({ deliveryId: email.deliveryId }, 'the claim on this email lapsed before its outcome was recorded; another replica took it over');
        }
        return;
      } catch (error) {
        if (Date.now() - claimedAt > this.leaseMs) {
          this.logger.error({ ...describeError(error), deliveryId: email.deliveryId, state: outcome.state }, 'could not record the outcome of an email before its claim lapsed');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, OUTCOME_RETRY_MS));
      }
    }
  }
}
