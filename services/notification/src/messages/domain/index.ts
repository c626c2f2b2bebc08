export * from './daily-digest';
export * from './email-plan';
export * from './mail-identity';
