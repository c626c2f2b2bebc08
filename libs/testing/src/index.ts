export * from './test-infrastructure';
export * from './processes';
export * from './service-app';
export * from './pipeline';
export * from './browser';
export * from './cohort';
export * from './topic-recorder';
export * from './feature-layers';
