export * from './case-replies';
export * from './directory-replies';
export * from './report-replies';
