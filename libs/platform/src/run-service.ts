import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BaseAppConfig, ConfigClass, ConfigError, loadConfig } from '@mentoring/config';
import { configureHttpApp } from './http/configure-http-app';
import { flushTracing, startMessageTransports } from '@mentoring/observability';
import { OpenApiInfo } from './http/open-api';

export interface RunServiceOptions<TConfig extends BaseAppConfig> {
  configClass: ConfigClass<TConfig>;
  /** Builds the root module from the validated configuration. */
  appModule: (config: TConfig) => Type | DynamicModule;
  openApi: OpenApiInfo;
}

/**
 * A service's main(): validates configuration before anything starts (a bad variable stops the
 * process with its name), builds the app, starts its message transports, and listens on HOST:PORT.
 */
export async function runService<TConfig extends BaseAppConfig>(options: RunServiceOptions<TConfig>): Promise<void> {
  let config: TConfig;
  try {
    config = loadConfig(options.configClass);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create(options.appModule(config), { bufferLogs: true });
  configureHttpApp(app, options.openApi);
  closeOnSignals(app);
  // Hooks first (migrations, the outbox relay), then the event handlers, then HTTP traffic.
  await app.init();
  await startMessageTransports(app);
  await listenOn(app, config);
}

/** Listens on HOST:PORT; HOST is loopback unless configured (containers set 0.0.0.0). */
export async function listenOn(app: INestApplication, config: Pick<BaseAppConfig, 'HOST' | 'PORT'>): Promise<void> {
  await app.listen(config.PORT, config.HOST);
}

/**
 * SIGTERM/SIGINT close the app (consumers stop fetching and finish in-flight work, the relay
 * flushes, connections close) and then exit 0. Nest's own shutdown hooks would re-raise the
 * signal instead, which supervisors report as a crash.
 */
function closeOnSignals(app: INestApplication): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app
      .close()
      // Spans still buffered (the last events handled) are sent before the process ends.
      .then(() => flushTracing())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`shutdown after ${signal} failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
