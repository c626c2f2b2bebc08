export * from './mentoring-case';
export * from './case-errors';
export * from './case-transitions';
export * from './meetings';
export * from './case-timing';
export * from './case-intake';
export * from './case-effects';
