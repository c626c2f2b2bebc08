export * from './notification-replies';
