import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BaseAppConfig, loadConfig } from '@mentoring/config';
import { AddressInfo, createServer } from 'node:net';
import { listenOn } from './run-service';

class ExampleConfig extends BaseAppConfig {
  override DATABASE_URL = 'postgres://postgres@localhost:5432/example';
}

@Controller()
class PingController {
  @Get('ping')
  ping() {
    return 'pong';
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('listenOn', () => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await NestFactory.create(PingModule, { logger: false });
  });

  afterEach(() => app.close());

  it('binds loopback only when HOST is not set', async () => {
    await listenOn(app, loadConfig(ExampleConfig, { PORT: String(await freePort()) }));

    expect((app.getHttpServer().address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('binds the configured address (containers set 0.0.0.0)', async () => {
    await listenOn(app, loadConfig(ExampleConfig, { PORT: String(await freePort()), HOST: '0.0.0.0' }));

    expect((app.getHttpServer().address() as AddressInfo).address).toBe('0.0.0.0');
  });
});
