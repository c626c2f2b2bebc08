import { CanActivate, Controller, INestApplication, Injectable, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  caseEventType,
  createEnvelope,
  EventEnvelope,
  GRADE_RECORDED_V1,
  GradeRecordedV1,
  RISK_ASSESSED_V1,
  TOPICS,
} from '@mentoring/contracts';
import { MessageTransports, startMessageTransports } from '@mentoring/observability';
import { IsString } from 'class-validator';
import { Observable } from 'rxjs';
import { EntityManager } from 'typeorm';
import { HandlerContext, Subscription } from '../consumer/event-handler';
import { IncomingRecord } from '../consumer/message-decoding';
import { PermanentError } from '../errors';
import { OutboxWriter } from '../outbox/outbox-writer';
import { EventContext } from './event-context';
import { EventDecoder, EventTransport, EventTransportRuntime, PassEventErrorsThrough } from './event-transport';

class FakeRuntime implements EventTransportRuntime {
  readonly subscriptions: Subscription[] = [];
  consuming = false;
  subscribe(subscription: Subscription): void {
    this.subscriptions.push(subscription);
  }
  async startConsuming(): Promise<void> {
    this.consuming = true;
  }
  async stopConsuming(): Promise<void> {
    this.consuming = false;
  }
  subscription(topic: string): Subscription {
    const found = this.subscriptions.find((subscription) => subscription.topic === topic);
    if (!found) throw new Error(`no subscription for ${topic}`);
    return found;
  }
}

/** Refuses every HTTP request: events must not pass through the app's guards. */
@Injectable()
class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

async function build(controllers: Type[], providers: Type[] = []): Promise<{ app: INestApplication; runtime: FakeRuntime }> {
  const runtime = new FakeRuntime();
  @Module({ controllers, providers: [MessageTransports, ...providers, { provide: APP_GUARD, useClass: DenyAll }] })
  class FixtureModule {}
  const moduleRef = await Test.createTestingModule({ imports: [FixtureModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.get(MessageTransports).register({
    strategy: new EventTransport(runtime, (decoder) => app.get(decoder, { strict: false })),
    exceptionFilters: [new PassEventErrorsThrough()],
  });
  await app.init();
  return { app, runtime };
}

async function startWith(controllers: Type[], providers: Type[] = []): Promise<{ app: INestApplication; runtime: FakeRuntime }> {
  const built = await build(controllers, providers);
  app = built.app;
  await startMessageTransports(built.app);
  return built;
}

function contextFor<T extends object>(envelope: EventEnvelope<T>): HandlerContext<T> {
  return {
    envelope,
    data: envelope.data,
    manager: { name: 'the transaction' } as unknown as EntityManager,
    outbox: {} as OutboxWriter,
    source: { topic: 'grades.recorded.v1', partition: 2, offset: '41' },
  };
}

const recorded = createEnvelope({ type: GRADE_RECORDED_V1, source: 'test', subject: 'student-1', data: { studentId: 'student-1' } as GradeRecordedV1 });

let app: INestApplication | undefined;
/** Methods of handlers whose calls the test does not look at. */
const invoked: string[] = [];

describe('EventTransport', () => {
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('subscribes each catalogued type on its topic with its payload class, then starts consuming', async () => {
    @Controller()
    class Handlers {
      @EventPattern(GRADE_RECORDED_V1)
      grade(): void {
        invoked.push('grade');
      }
      @EventPattern(RISK_ASSESSED_V1)
      risk(): void {
        invoked.push('risk');
      }
    }
    const started = await startWith([Handlers]);
    expect(started.runtime.consuming).toBe(true);
    const grades = started.runtime.subscription(TOPICS.gradesRecorded);
    expect(grades.handlers.map(({ type, payload }) => ({ type, payload }))).toEqual([{ type: GRADE_RECORDED_V1, payload: GradeRecordedV1 }]);
    expect(grades.ignoreOtherTypes).toBe(false);
    expect(grades.decode).toBeUndefined();
    expect(started.runtime.subscription(TOPICS.riskAssessed).handlers.map(({ type }) => type)).toEqual([RISK_ASSESSED_V1]);
  });

  it("runs the application's lifecycle hooks once, not again when the transport listens", async () => {
    let initialised = 0;
    @Injectable()
    class CountsInit {
      onModuleInit(): void {
        initialised += 1;
      }
    }
    @Controller()
    class Handlers {
      @EventPattern(GRADE_RECORDED_V1)
      grade(): void {
        invoked.push('grade');
      }
    }
    await startWith([Handlers], [CountsInit]);
    expect(initialised).toBe(1);
  });

  it('merges several types of a shared topic into one subscription that skips the types it does not handle', async () => {
    @Controller()
    class CaseEvents {
      @EventPattern([caseEventType('matched'), caseEventType('closed')])
      onCase(): void {
        invoked.push('onCase');
      }
    }
    const started = await startWith([CaseEvents]);
    expect(started.runtime.subscriptions).toHaveLength(1);
    const cases = started.runtime.subscription(TOPICS.mentoringCaseEvents);
    expect(cases.handlers.map(({ type }) => type)).toEqual([caseEventType('matched'), caseEventType('closed')]);
    expect(cases.ignoreOtherTypes).toBe(true);
  });

  it('hands the handler the validated payload and a context with the transaction, envelope and source, past the HTTP guards', async () => {
    const calls: Array<{ data: unknown; context: EventContext }> = [];
    @Controller()
    class Grades {
      @EventPattern(GRADE_RECORDED_V1)
      async grade(@Payload() data: GradeRecordedV1, @Ctx() context: EventContext<GradeRecordedV1>): Promise<void> {
        calls.push({ data, context });
      }
    }
    const started = await startWith([Grades]);
    const context = contextFor(recorded);
    await started.runtime.subscription(TOPICS.gradesRecorded).handlers[0].handle(context);
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toBe(context.data);
    expect(calls[0].context).toBeInstanceOf(EventContext);
    expect(calls[0].context.manager).toBe(context.manager);
    expect(calls[0].context.envelope).toBe(recorded);
    expect(calls[0].context.source).toEqual({ topic: 'grades.recorded.v1', partition: 2, offset: '41' });
  });

  it('passes a handler error through unchanged, so the pipeline can tell a rejection from an outage', async () => {
    const outage = Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
    let failWith: Error = new PermanentError('student-unknown', 'no such student');
    @Controller()
    class Grades {
      @EventPattern(GRADE_RECORDED_V1)
      async grade(): Promise<void> {
        throw failWith;
      }
    }
    const started = await startWith([Grades]);
    const handler = started.runtime.subscription(TOPICS.gradesRecorded).handlers[0];
    await expect(handler.handle(contextFor(recorded))).rejects.toBe(failWith);
    failWith = outage;
    await expect(handler.handle(contextFor(recorded))).rejects.toBe(outage);
  });

  it('waits for an Observable handler to complete, and fails with its error', async () => {
    const steps: string[] = [];
    let fail = false;
    @Controller()
    class Grades {
      @EventPattern(GRADE_RECORDED_V1)
      grade(): Observable<void> {
        return new Observable<void>((subscriber) => {
          setImmediate(() => {
            steps.push('written');
            if (fail) subscriber.error(new PermanentError('refused', 'refused'));
            else subscriber.complete();
          });
        });
      }
    }
    const started = await startWith([Grades]);
    const handler = started.runtime.subscription(TOPICS.gradesRecorded).handlers[0];
    await handler.handle(contextFor(recorded));
    steps.push('returned');
    expect(steps).toEqual(['written', 'returned']);
    fail = true;
    await expect(handler.handle(contextFor(recorded))).rejects.toBeInstanceOf(PermanentError);
  });

  it('decodes a topic with the provider its handlers name, and takes topic and payload from the options', async () => {
    class TestPayload {
      @IsString() name!: string;
    }
    @Injectable()
    class BareRecordDecoder implements EventDecoder {
      decode(record: IncomingRecord): EventEnvelope {
        return createEnvelope({ type: 'testing.bare.v1', source: 'bare', subject: record.key ?? '', data: { name: String(record.value) } });
      }
    }
    @Controller()
    class Bare {
      @EventPattern('testing.bare.v1', { topic: 'testing.bare-records.v1', payload: TestPayload, decoder: BareRecordDecoder })
      bare(): void {
        invoked.push('bare');
      }
    }
    const started = await startWith([Bare], [BareRecordDecoder]);
    const subscription = started.runtime.subscription('testing.bare-records.v1');
    expect(subscription.handlers[0].payload).toBe(TestPayload);
    const record: IncomingRecord = { topic: 'x', partition: 0, offset: '0', key: 'student-9', value: Buffer.from('hello'), headers: {} };
    expect(subscription.decode?.(record)).toMatchObject({ type: 'testing.bare.v1', subject: 'student-9', data: { name: 'hello' } });
  });

  it.each([
    [
      'a type outside the catalog without a topic',
      () => {
        @Controller()
        class Unknown {
          @EventPattern('testing.unknown.v1')
          handle(): void {
            invoked.push('handle');
          }
        }
        return Unknown;
      },
      /not in the event catalog/,
    ],
    [
      'two handlers of one type',
      () => {
        @Controller()
        class Twice {
          @EventPattern(GRADE_RECORDED_V1)
          first(): void {
            invoked.push('first');
          }
          @EventPattern(GRADE_RECORDED_V1)
          second(): void {
            invoked.push('second');
          }
        }
        return Twice;
      },
      /more than one @EventPattern handler/,
    ],
    [
      'a request-reply pattern',
      () => {
        @Controller()
        class Reply {
          @MessagePattern(GRADE_RECORDED_V1)
          handle(): void {
            invoked.push('handle');
          }
        }
        return Reply;
      },
      /use @EventPattern/,
    ],
  ])('refuses to start with %s', async (_case, controller, message) => {
    const built = await build([controller()]);
    app = built.app;
    await expect(startMessageTransports(built.app)).rejects.toThrow(message);
    expect(built.runtime.consuming).toBe(false);
  });
});
