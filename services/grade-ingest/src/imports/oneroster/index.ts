export * from './oneroster-import';
export * from './result-mapping';
export * from './sources';
export * from './oneroster-files';
