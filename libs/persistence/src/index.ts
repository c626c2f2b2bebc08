export * from './data-source/service-data-source';
export * from './messaging-tables/outbox-message.entity';
export * from './messaging-tables/inbox-message.entity';
export * from './messaging-tables/dead-letter.entity';
export * from './messaging-tables/1732300000000-messaging-tables';
export * from './messaging-tables/1796300000000-messaging-trace-context';
export * from './nest/persistence.module';
