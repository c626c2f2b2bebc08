import { Controller, INestApplication, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { developmentKeyFor, signToken } from '@mentoring/auth';
import { BaseServiceConfig } from '@mentoring/config';
import { createEnvelope } from '@mentoring/contracts';
import { EventContext, TopicResolver } from '@mentoring/messaging';
import { startMessageTransports } from '@mentoring/observability';
import { createTestDatabase, integrationEnv, testKafka, TestDatabase, uniqueName, waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { configureHttpApp, platformModules } from '../src';
import { COUNTER_EVENT, COUNTER_TOPIC, CounterEventV1, EffectsTable1732300000001, recordingHandler } from './fixtures/counter';

class FixtureConfig extends BaseServiceConfig {
  override PORT = 3999;
}

let refuse = true;

const recordCounter = recordingHandler('module', () => refuse);

@Controller()
class CounterFeature {
  @EventPattern(COUNTER_EVENT, { topic: COUNTER_TOPIC, payload: CounterEventV1 })
  handle(@Payload() _data: CounterEventV1, @Ctx() context: EventContext<CounterEventV1>): Promise<void> {
    return recordCounter.handle(context);
  }
}

describe('platformModules in a Nest service', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let namespace: string;

  beforeAll(async () => {
    database = await createTestDatabase('messaging_module');
    namespace = uniqueName('module');
    const config = Object.assign(new FixtureConfig(), {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: integrationEnv().kafkaBrokers,
      KAFKA_TOPIC_NAMESPACE: namespace,
      LOG_LEVEL: 'warn',
    });
    @Module({
      imports: platformModules(config, { serviceName: 'fixture', producesTo: [COUNTER_TOPIC], migrations: [EffectsTable1732300000001] }),
      controllers: [CounterFeature],
    })
    class FixtureModule {}
    const moduleRef = await Test.createTestingModule({ imports: [FixtureModule] }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    configureHttpApp(app, { title: 'fixture', description: 'test', version: '1' });
    await app.init();
    await startMessageTransports(app);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const token = (role: 'ops' | 'mentor') => signToken({ subject: `${role}-1`, role, audience: 'fixture', key: developmentKeyFor(role, { MENTORING_DEV_MODE: 'true' }) });

  it('is ready once the database is migrated and the broker answers, and serves metrics and docs openly', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).toContain('mentoring_outbox_backlog');
    await request(app.getHttpServer()).get('/docs-json').expect(200);
  });

  it('lists and replays dead letters for ops only', async () => {
    const event = createEnvelope({ type: COUNTER_EVENT, source: 'test', subject: 'student-1', data: { studentId: 'student-1', n: 1 } });
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: new TopicResolver(namespace).resolve(COUNTER_TOPIC), messages: [{ key: 'student-1', value: JSON.stringify(event) }] });
    await producer.disconnect();

    const server = app.getHttpServer();
    await request(server).get('/v1/ops/dead-letters').expect(401);
    await request(server).get('/v1/ops/dead-letters').set('authorization', `Bearer ${await token('mentor')}`).expect(403);
    const ops = `Bearer ${await token('ops')}`;
    const listed = await waitUntil('the refused event is a dead letter', async () => {
      const response = await request(server).get('/v1/ops/dead-letters?status=pending').set('authorization', ops).expect(200);
      return response.body.total === 1 ? response.body : undefined;
    });
    expect(listed.items[0]).toMatchObject({ reason: 'handler-rejected', status: 'pending', origin: { offset: '0' } });

    refuse = false;
    const replayed = await request(server).post(`/v1/ops/dead-letters/${listed.items[0].id}/replay`).set('authorization', ops).expect(200);
    expect(replayed.body).toMatchObject({ status: 'replayed', outcome: 'handled' });
    await request(server).post(`/v1/ops/dead-letters/${listed.items[0].id}/replay`).set('authorization', ops).expect(409);
    const metrics = await request(server).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/mentoring_dead_letters_total\{[^}]*\} 1/);
  });
});
