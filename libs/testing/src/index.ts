export * from './test-infrastructure';
export * from './processes';
export * from './service-app';
export * from './pipeline';
export * from './browser';
