// What other features may use of mentors.
export * from './domain/responsiveness';
export * from './mentors.port';
export * from './mentors-core.module';
