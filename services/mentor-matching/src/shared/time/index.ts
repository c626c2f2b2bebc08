export * from './utc-interval';
export * from './zoned-time';
export * from './weekly-schedule';
export * from './leave';
