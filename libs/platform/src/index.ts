export * from './clock';
export * from './platform-modules';
export * from './run-service';
export * from './http/configure-http-app';
export * from './http/body-limit';
export * from './http/open-api';
export * from './http/validation-problems';
export * from './operations/operations.module';
