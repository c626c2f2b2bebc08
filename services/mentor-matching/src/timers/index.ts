// What other features may use of timers.
export * from './timers.port';
export * from './timers-core.module';
