import { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BaseServiceConfig, ConfigClass, ConfigError, loadConfig } from '@mentoring/config';
import { configureHttpApp } from './configure-http-app';
import { OpenApiInfo } from './open-api';

export interface RunServiceOptions<TConfig extends BaseServiceConfig> {
  configClass: ConfigClass<TConfig>;
  /** Builds the root module from the validated configuration. */
  appModule: (config: TConfig) => Type | DynamicModule;
  openApi: OpenApiInfo;
}

/**
 * A service's main(): validates configuration before anything starts (a bad variable stops the
 * process with its name), builds the app, and listens on PORT.
 */
export async function runService<TConfig extends BaseServiceConfig>(options: RunServiceOptions<TConfig>): Promise<void> {
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
  await app.listen(config.PORT);
}
