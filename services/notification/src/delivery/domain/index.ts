export * from './smtp-failure';
