import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { Clock, platformModules } from '@mentoring/platform';
import { NotificationConfig, SERVICE_NAME } from './config/notification.config';
import { ConversationsModule, CreateConversations1796300018500 } from './conversations';
import { DeliveryModule } from './delivery/delivery.module';
import { DirectorySyncModule } from './directory-sync/directory-sync.module';
import { InboxModule } from './inbox/inbox.module';
import { CreateLinkGenerations1764600000000 } from './links/infrastructure/1764600000000-create-link-generations';
import { LinksModule } from './links/links.module';
import { AddMessageProgramme1764600000200 } from './messages/infrastructure/1764600000200-add-message-programme';
import { AddMessageExpiryAndOffer1764600000300 } from './messages/infrastructure/1764600000300-add-message-expiry-and-offer';
import { AddMessageFlaggedAt1796300000100 } from './messages/infrastructure/1796300000100-add-message-flagged-at';
import { CreateMessages1732500001000 } from './messages/infrastructure/1732500001000-create-messages';
import { EmailAwaitingAddress1796300018100 } from './messages/infrastructure/1796300018100-email-awaiting-address';
import { DeliveryEntity, DeliveryLogEntity, MessageEntity } from './messages/infrastructure/message.entity';
import { OutreachModule } from './case-outreach/outreach.module';
import { CreateRecipients1732500000000 } from './recipients/infrastructure/1732500000000-create-recipients';
import { RecipientDirectoryFields1796300018000 } from './recipients/infrastructure/1796300018000-recipient-directory-fields';
import { RecipientPreferencesEntity } from './recipients/infrastructure/recipient-preferences.entity';
import { RecipientEntity } from './recipients/infrastructure/recipient.entity';
import { RecipientsModule } from './recipients/recipients.module';

export interface AppModuleOptions {
  /** Tests move time with their own clock. */
  clock?: Clock;
}

// A topic namespace isolates a whole pipeline on a shared broker, so it isolates the consumer
// group too: otherwise every namespace's replicas would rebalance one group together.
function consumerGroupOf(config: NotificationConfig): string {
  return config.KAFKA_TOPIC_NAMESPACE ? `${config.KAFKA_TOPIC_NAMESPACE}.${SERVICE_NAME}` : SERVICE_NAME;
}

@Module({})
export class AppModule {
  static register(config: NotificationConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...platformModules(config, {
          serviceName: SERVICE_NAME,
          consumerGroup: consumerGroupOf(config),
          producesTo: [TOPICS.notificationsDispatched],
          // Events of different students share their mentor's recipient row and email cap, so
          // batches of several partitions at once deadlock; batches still make one partition fast.
          consumerPartitionsConcurrently: 1,
          entities: [RecipientEntity, RecipientPreferencesEntity, MessageEntity, DeliveryEntity, DeliveryLogEntity],
          migrations: [CreateRecipients1732500000000, CreateMessages1732500001000, CreateLinkGenerations1764600000000, AddMessageProgramme1764600000200, AddMessageExpiryAndOffer1764600000300, AddMessageFlaggedAt1796300000100, RecipientDirectoryFields1796300018000, EmailAwaitingAddress1796300018100, CreateConversations1796300018500],
          clock: options.clock,
        }),
        RecipientsModule,
        LinksModule,
        OutreachModule,
        DeliveryModule,
        DirectorySyncModule,
        InboxModule,
        ConversationsModule,
      ],
    };
  }
}
