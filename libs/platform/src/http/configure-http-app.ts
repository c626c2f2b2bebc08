import { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { applyBodyLimit, configuredBodyLimitBytes } from './body-limit';
import { createValidationPipe } from './validation-problems';
import { OpenApiInfo, setupOpenApi } from './open-api';

/** What every service does before `listen`: pino as Nest's logger, the body limit, validation, OpenAPI. */
export function configureHttpApp(app: INestApplication, openApi: OpenApiInfo): void {
  app.useLogger(app.get(Logger));
  // Nest 11 holds buffered lines until `listen`; flushing now means logs of app.init() (migrations,
  // consumers connecting) appear as they happen, and are not lost when init fails.
  app.flushLogs();
  applyBodyLimit(app, configuredBodyLimitBytes(app));
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app, openApi);
}
