export * from './risk-replies';
