export * from './reply-address';
export * from './reply-text';
export * from './thread-access';
