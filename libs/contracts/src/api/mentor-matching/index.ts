export * from './case-replies';
export * from './directory-replies';
