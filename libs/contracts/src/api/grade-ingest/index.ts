export * from './grade-replies';
