import { Body, Controller, Get, INestApplication, Injectable, Logger, Module, OnModuleInit, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule, signToken } from '@mentoring/auth';
import { DEFAULT_AUTH_ISSUER, DEV_CONSOLE_PUBLIC_KEY, DEV_JWT_SECRET } from '@mentoring/config';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { Writable } from 'node:stream';
import request from 'supertest';
import { CORRELATION_ID_HEADER, ObservabilityModule, PIPELINE_METRICS, ReadinessRegistry } from '@mentoring/observability';
import { configureHttpApp } from '../http/configure-http-app';
import { OperationsModule } from './operations.module';

const logLines: Array<Record<string, unknown>> = [];
const logDestination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(JSON.parse(chunk.toString()));
    done();
  },
});

const dependencies = { database: true, kafka: true };

@Injectable()
class FakeDependencies implements OnModuleInit {
  constructor(private readonly readiness: ReadinessRegistry) {}

  onModuleInit(): void {
    for (const name of ['database', 'kafka'] as const) {
      this.readiness.register(name, async () => {
        if (!dependencies[name]) throw new Error(`${name} refused the connection`);
      });
    }
  }
}

class GradeDto {
  @IsString()
  studentId!: string;

  @IsInt()
  @Min(0)
  @Max(100)
  score!: number;
}

@Controller('v1/grades')
class GradesController {
  private readonly logger = new Logger(GradesController.name);

  @Post()
  record(@Body() grade: GradeDto) {
    this.logger.log(`recorded a grade for ${grade.studentId}`);
    return { accepted: true, scoreType: typeof grade.score };
  }

  @Get()
  list() {
    return [];
  }
}

@Module({
  imports: [
    ObservabilityModule.forRoot({ serviceName: 'grade-ingest', logLevel: 'info', logDestination }),
    AuthModule.forRoot({
      audience: 'grade-ingest',
      maxLifetimeSeconds: 3600,
      machine: { secret: DEV_JWT_SECRET, issuer: DEFAULT_AUTH_ISSUER },
      console: { publicKey: DEV_CONSOLE_PUBLIC_KEY },
    }),
    OperationsModule.forRoot({ deadLetters: false }),
  ],
  controllers: [GradesController],
  providers: [FakeDependencies],
})
class TestAppModule {}

describe('ObservabilityModule and OperationsModule in a service', () => {
  let app: INestApplication;
  let bearer: string;

  beforeAll(async () => {
    // The fixture has no service configuration: the body limit falls back to its default instead of ending the process.
    app = await NestFactory.create(TestAppModule, { bufferLogs: true, abortOnError: false });
    configureHttpApp(app, { title: 'Grade ingest', description: 'Registrar feeds in', version: '1.0.0' });
    await app.init();
    bearer = `Bearer ${await signToken({ role: 'registrar-feed', subject: 'sis-main', audience: 'grade-ingest', key: DEV_JWT_SECRET })}`;
  });

  afterAll(() => app.close());

  beforeEach(() => {
    dependencies.database = true;
    dependencies.kafka = true;
    logLines.length = 0;
  });

  const http = () => request(app.getHttpServer());

  describe('health', () => {
    it('is live without a token', async () => {
      await http().get('/health/live').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    });

    it('is ready when every registered check passes', async () => {
      const response = await http().get('/health/ready').expect(200);

      expect(Object.keys(response.body.details)).toEqual(['database', 'kafka', 'shutdown']);
    });

    it('is not ready, naming the failing check, when one throws', async () => {
      dependencies.kafka = false;

      const response = await http().get('/health/ready').expect(503);

      expect(response.body.status).toBe('error');
      expect(Object.keys(response.body.error)).toEqual(['kafka']);
      expect(response.body.error.kafka).toMatchObject({ status: 'down', message: 'kafka refused the connection' });
    });
  });

  describe('metrics', () => {
    it('serves every pipeline metric in Prometheus text format without a token', async () => {
      const response = await http().get('/metrics').expect(200);

      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      for (const name of Object.values(PIPELINE_METRICS)) {
        expect(response.text).toContain(`# TYPE ${name} `);
      }
      expect(response.text).toContain('nodejs_heap_size_used_bytes{service="grade-ingest"}');
    });
  });

  describe('OpenAPI', () => {
    it('serves Swagger UI and the document without a token', async () => {
      await http().get('/docs').expect(200).expect('Content-Type', /html/);
      const { body: document } = await http().get('/docs-json').expect(200);

      expect(document.info).toMatchObject({ title: 'Grade ingest', version: '1.0.0' });
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(document.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/health/ready'].get.security).toEqual([{}]);
      expect(document.paths['/v1/grades'].post.security).toBeUndefined();
    });
  });

  describe('validation', () => {
    it('lists every field problem in a 400', async () => {
      const response = await http().post('/v1/grades').set('Authorization', bearer).send({ studentId: 42, score: 120 }).expect(400);

      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        problems: [
          { field: 'studentId', problem: 'studentId must be a string' },
          { field: 'score', problem: 'score must not be greater than 100' },
        ],
      });
    });

    it('converts and accepts a valid body, dropping unknown fields', async () => {
      await http()
        .post('/v1/grades')
        .set('Authorization', bearer)
        .send({ studentId: 's-1', score: 88, extra: 'ignored' })
        .expect(201, { accepted: true, scoreType: 'number' });
    });

    it('still requires a token on /v1 routes', async () => {
      await http().get('/v1/grades').expect(401);
    });
  });

  describe('correlation ids and logs', () => {
    it('echoes the caller id and stamps it on every log line of the request', async () => {
      const response = await http()
        .post('/v1/grades')
        .set('Authorization', bearer)
        .set(CORRELATION_ID_HEADER, 'feed-batch-77')
        .send({ studentId: 's-1', score: 70 })
        .expect(201);

      expect(response.headers[CORRELATION_ID_HEADER]).toBe('feed-batch-77');
      const handlerLine = logLines.find((line) => line['msg'] === 'recorded a grade for s-1');
      const requestLine = logLines.find((line) => line['msg'] === 'request completed');
      expect(handlerLine).toMatchObject({ service: 'grade-ingest', correlationId: 'feed-batch-77', context: 'GradesController' });
      expect(requestLine).toMatchObject({ service: 'grade-ingest', correlationId: 'feed-batch-77' });
      expect(JSON.stringify(requestLine)).not.toContain(bearer);
    });

    it('generates an id when the caller sends none or an unusable one', async () => {
      const none = await http().get('/v1/grades').set('Authorization', bearer).expect(200);
      const unusable = await http().get('/v1/grades').set('Authorization', bearer).set(CORRELATION_ID_HEADER, 'x'.repeat(500)).expect(200);

      expect(none.headers[CORRELATION_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
      expect(unusable.headers[CORRELATION_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps probes and scrapes out of the request log', async () => {
      await http().get('/health/live').expect(200);
      await http().get('/metrics').expect(200);

      expect(logLines.filter((line) => line['msg'] === 'request completed')).toEqual([]);
    });
  });
});

describe('OperationsModule for an application without Kafka', () => {
  it('serves health and metrics but no dead-letter desk', () => {
    const withoutDeadLetters = OperationsModule.forRoot({ deadLetters: false }).controllers ?? [];
    const withDeadLetters = OperationsModule.forRoot({ deadLetters: true }).controllers ?? [];
    expect(withoutDeadLetters.map((controller) => controller.name)).toEqual(['HealthController', 'MetricsController']);
    expect(withDeadLetters.map((controller) => controller.name)).toContain('DeadLettersController');
  });
});
