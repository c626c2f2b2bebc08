import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationConfig } from '../config/notification.config';
import { decideEmail, EmailDecision, ESCALATION_TEMPLATES } from '../outreach/domain';
import { deliveryPreferencesOf, RecipientPreferences } from '../recipients/domain';
import { PreferencesService, RecipientDirectory, RecipientRecord } from '../recipients';
import { Clock, CLOCK } from '@mentoring/platform';
import { EmailPlan, nextDailyDigestAt, planEmail } from './domain';
import { MessageStore } from './infrastructure/messages.store';

const ESCALATION_TEMPLATE_NAMES = new Set<string>(Object.values(ESCALATION_TEMPLATES));

// A person with no record yet (preferences set first) is addressed in UTC and without email.
const FALLBACK_TIME_ZONE = 'UTC';

export interface RecipientState {
  recipient: RecipientRecord | null;
  preferences: RecipientPreferences;
  recentEmailsSentAt: Date[];
}

/**
 * Decides when a recipient's email may go, with the recipient's row locked for the rest of the
 * transaction: two decisions about one person never overlap, so the cap holds across replicas.
 */
@Injectable()
export class EmailPlanner {
  constructor(
    private readonly directory: RecipientDirectory,
    private readonly preferences: PreferencesService,
    private readonly store: MessageStore,
    private readonly config: NotificationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The plan for one email of `template`, at the clock's now; dropped when it could only go at or after `expiresAt`. */
  async plan(manager: EntityManager, recipientId: string, template: string, expiresAt: Date | null = null, waitForAddress = false): Promise<EmailPlan> {
    const now = this.clock.now();
    const state = await this.stateOf(manager, recipientId, now);
    const timeZone = state.recipient?.timeZone ?? FALLBACK_TIME_ZONE;
    const wantsDailyDigest = state.preferences.dailyDigest && ESCALATION_TEMPLATE_NAMES.has(template);
    return planEmail({
      email: state.recipient?.email ?? null,
      preferences: deliveryPreferencesOf(state.preferences, timeZone),
      now,
      recentEmailsSentAt: state.recentEmailsSentAt,
      dailyDigestAt: wantsDailyDigest ? nextDailyDigestAt(now, timeZone, this.config.COORDINATOR_DIGEST_TIME) : null,
      expiresAt,
      waitForAddress,
    });
  }

  /** Whether a digest may go now; with the recipient and their preferences, to address and word it. */
  async decideDigest(manager: EntityManager, recipientId: string): Promise<RecipientState & { decision: EmailDecision }> {
    const now = this.clock.now();
    const state = await this.stateOf(manager, recipientId, now);
    const decision = decideEmail({
      email: state.recipient?.email ?? null,
      preferences: deliveryPreferencesOf(state.preferences, state.recipient?.timeZone ?? FALLBACK_TIME_ZONE),
      now,
      recentEmailsSentAt: state.recentEmailsSentAt,
    });
    return { ...state, decision };
  }

  private async stateOf(manager: EntityManager, recipientId: string, now: Date): Promise<RecipientState> {
    const recipient = await this.directory.lock(manager, recipientId);
    return {
      recipient,
      preferences: await this.preferences.of(manager, recipientId),
      recentEmailsSentAt: await this.store.recentEmailTimes(manager, recipientId, now),
    };
  }
}
