export * from './dead-letter-replies';
