export * from './grade-validation';
export * from './grade-classification';
export * from './grade-recorded';
export * from './recording-plan';
