import { Body, Controller, HttpCode, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BaseAppConfig, configModuleFor, loadConfig } from '@mentoring/config';
import request from 'supertest';
import { applyBodyLimit, BodyTooLargeException, configuredBodyLimitBytes } from './body-limit';

class ExampleConfig extends BaseAppConfig {
  override PORT = 3999;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/example';
}

@Controller()
class ImportController {
  @Post('import')
  @HttpCode(200)
  import(@Body() rows: unknown[]) {
    return { received: rows.length };
  }
}

function rows(count: number) {
  return Array.from({ length: count }, (_, index) => ({ studentId: `S${index}`, program: 'MBBS', yearOfStudy: 2, displayName: `Student number ${index}` }));
}

async function appWith(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  @Module({ imports: [configModuleFor(loadConfig(ExampleConfig, env))], controllers: [ImportController] })
  class AppModule {}
  const app = await NestFactory.create(AppModule, { logger: false });
  applyBodyLimit(app, configuredBodyLimitBytes(app));
  await app.init();
  return app;
}

describe('the body limit every process applies', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('takes a 10,000-row JSON import with the default limit', async () => {
    app = await appWith({});
    const body = rows(10_000);
    expect(JSON.stringify(body).length).toBeGreaterThan(100 * 1024);

    const response = await request(app.getHttpServer()).post('/import').send(body).expect(200);

    expect(response.body).toEqual({ received: 10_000 });
  });

  it('answers a body over HTTP_BODY_LIMIT_MB with a JSON 413 naming the limit', async () => {
    app = await appWith({ HTTP_BODY_LIMIT_MB: '1' });

    const response = await request(app.getHttpServer()).post('/import').send(rows(20_000)).expect(413);

    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.stringContaining('larger than 1 MB, the limit HTTP_BODY_LIMIT_MB sets'),
      limit: { setting: 'HTTP_BODY_LIMIT_MB', limit: 1024 * 1024, unit: 'bytes' },
    });
  });

  it('keeps a body under the configured limit', async () => {
    app = await appWith({ HTTP_BODY_LIMIT_MB: '1' });

    await request(app.getHttpServer()).post('/import').send(rows(1_000)).expect(200);
  });

  it('gives routes that read the body themselves the same 413', () => {
    expect(new BodyTooLargeException(2 * 1024 * 1024).getResponse()).toMatchObject({ statusCode: 413, limit: { setting: 'HTTP_BODY_LIMIT_MB', limit: 2 * 1024 * 1024 } });
  });

  it('refuses a limit that is not a whole number of MB, naming the variable', () => {
    expect(() => loadConfig(ExampleConfig, { HTTP_BODY_LIMIT_MB: 'lots' })).toThrow(/HTTP_BODY_LIMIT_MB/);
  });
});
