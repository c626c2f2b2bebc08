export * from './oneroster-import';
export * from './result-mapping';
export * from './sources';
export * from './oneroster-files';
export * from './manifest';
export * from './placement';
export * from './directory';
