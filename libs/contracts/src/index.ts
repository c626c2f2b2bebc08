// class-transformer's @Type reads design-time metadata, so the polyfill loads with the contracts.
import 'reflect-metadata';

export * from './envelope/event-envelope';
export * from './topics/topics';
export * from './validation/validate-payload';
export * from './validation/custom-rules';
export * from './grades/grade-submitted';
export * from './grades/grade-recorded';
export * from './risk/risk-assessed';
export * from './mentoring/case-event';
export * from './notifications/notification-dispatched';
export * from './students/directory-updated';
export * from './event-catalog';
export * from './api';
