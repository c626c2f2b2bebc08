export * from './load-config';
export * from './base-service-config';
export * from './service-config';
export * from './development-keys';
export * from './kafka-client-config';
export * from './config-rules';
export * from './config.module';
