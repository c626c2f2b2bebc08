export * from './import-batch';
export * from './import-file-error';
export * from './import-tally';
export * from './import-limits';
