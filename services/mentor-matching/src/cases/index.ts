// What other features may use of cases.
export * from './domain';
export * from './case-actions.dto';
export type { Participants } from './case-events';
export * from './case-core.module';
export * from './case-facts';
export * from './case-matching.port';
export * from './case-policy';
export * from './case-queue';
export type * from './case-record';
export * from './case-unit-of-work';
export * from './participants';
