import { Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { BaseServiceConfig } from './service-config';
import { configModuleFor, SERVICE_CONFIG } from './config.module';
import { ConfigError, loadConfig } from './load-config';

class ExampleServiceConfig extends BaseServiceConfig {
  override PORT = 3999;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/example';
}

@Injectable()
class NeedsConfig {
  constructor(readonly config: ExampleServiceConfig) {}
}

async function createContext(configModule: ReturnType<typeof configModuleFor>) {
  @Module({ imports: [configModule], providers: [NeedsConfig] })
  class AppModule {}
  return NestFactory.createApplicationContext(AppModule, { logger: false });
}

describe('configModuleFor', () => {
  it('provides the typed config by token, by class and through ConfigService', async () => {
    const app = await createContext(configModuleFor(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true', PORT: '4200' }));

    expect(app.get(SERVICE_CONFIG)).toBeInstanceOf(ExampleServiceConfig);
    expect(app.get(NeedsConfig).config.PORT).toBe(4200);
    expect(app.get(ConfigService).get('KAFKA_BROKERS')).toEqual(['localhost:9092']);
    await app.close();
  });

  it('accepts a config already loaded', async () => {
    const config = loadConfig(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true', LOG_LEVEL: 'warn' });
    const app = await createContext(configModuleFor(config));

    expect(app.get(SERVICE_CONFIG)).toBe(config);
    await app.close();
  });

  it('fails before the app starts, naming the variable', () => {
    expect(() => configModuleFor(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true', KAFKA_BROKERS: 'x' })).toThrow(ConfigError);
  });

  it('leaves process.env untouched', async () => {
    const before = { ...process.env };
    const app = await createContext(configModuleFor(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true' }));

    expect(process.env).toEqual(before);
    await app.close();
  });
});
