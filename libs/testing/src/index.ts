export * from './test-infrastructure';
export * from './processes';
