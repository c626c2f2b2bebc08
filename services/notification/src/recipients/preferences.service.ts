import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationConfig } from '../config/notification.config';
import { defaultPreferences, parseQuietHours, RecipientPreferences } from './domain';
import { RecipientPreferencesEntity } from './infrastructure/recipient-preferences.entity';
import { RecipientsStore } from './infrastructure/recipients.store';

/** A change of preferences: absent fields stay as they are; null clears quiet hours, the cap or the locale. */
export type PreferencesChange = Partial<RecipientPreferences>;

function fromEntity(entity: RecipientPreferencesEntity): RecipientPreferences {
  return {
    channel: entity.channel,
    emailOptOut: entity.emailOptOut,
    quietHours: entity.quietHoursStart && entity.quietHoursEnd ? { start: entity.quietHoursStart, end: entity.quietHoursEnd } : null,
    maxEmailsPer24h: entity.maxEmailsPer24h,
    dailyDigest: entity.dailyDigest,
    locale: entity.locale,
  };
}

function toEntity(recipientId: string, preferences: RecipientPreferences): RecipientPreferencesEntity {
  return Object.assign(new RecipientPreferencesEntity(), {
    recipientId,
    channel: preferences.channel,
    emailOptOut: preferences.emailOptOut,
    quietHoursStart: preferences.quietHours?.start ?? null,
    quietHoursEnd: preferences.quietHours?.end ?? null,
    maxEmailsPer24h: preferences.maxEmailsPer24h,
    dailyDigest: preferences.dailyDigest,
    locale: preferences.locale,
    updatedAt: new Date(),
  });
}

/** Each recipient's preferences; the service defaults for those who chose nothing. */
@Injectable()
export class PreferencesService {
  private readonly defaults: RecipientPreferences;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: RecipientsStore,
    config: NotificationConfig,
  ) {
    this.defaults = defaultPreferences({
      maxEmailsPer24h: config.DEFAULT_MAX_EMAILS_PER_24H === 0 ? null : config.DEFAULT_MAX_EMAILS_PER_24H,
      quietHours: parseQuietHours(config.DEFAULT_QUIET_HOURS),
    });
  }

  async of(manager: EntityManager, recipientId: string): Promise<RecipientPreferences> {
    const entity = await this.store.findPreferences(manager, recipientId);
    return entity ? fromEntity(entity) : this.defaults;
  }

  async ofEach(manager: EntityManager, recipientIds: string[]): Promise<Map<string, RecipientPreferences>> {
    const entities = await this.store.findEachPreferences(manager, recipientIds);
    const chosen = new Map(entities.map((entity) => [entity.recipientId, fromEntity(entity)]));
    return new Map(recipientIds.map((id) => [id, chosen.get(id) ?? this.defaults]));
  }

  get(recipientId: string): Promise<RecipientPreferences> {
    return this.of(this.dataSource.manager, recipientId);
  }

  /** Applies a change over the current preferences; the row lock keeps two changes from losing one. */
  update(recipientId: string, change: PreferencesChange): Promise<RecipientPreferences> {
    return this.dataSource.transaction(async (manager) => {
      await this.store.lockPreferences(manager, recipientId);
      const updated: RecipientPreferences = { ...(await this.of(manager, recipientId)), ...definedFields(change) };
      await this.store.savePreferences(manager, toEntity(recipientId, updated));
      return updated;
    });
  }
}

function definedFields(change: PreferencesChange): PreferencesChange {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}
