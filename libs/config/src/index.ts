export * from './load-config';
export * from './base-service-config';
export * from './kafka-client-config';
export * from './config-rules';
export * from './config.module';
