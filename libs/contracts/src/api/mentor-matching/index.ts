export * from './case-replies';
