import { BeforeApplicationShutdown, DynamicModule, Injectable, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BaseServiceConfig, kafkaConnectionOf, SERVICE_CONFIG } from '@mentoring/config';
import { createLogger, MessageTransports, MetricsService, ReadinessRegistry, runWithContext } from '@mentoring/observability';
import { DataSource } from 'typeorm';
import { MessagingRuntime } from '../messaging-runtime';
import { EventTransport, PassEventErrorsThrough } from './event-transport';

export interface MessagingModuleOptions {
  serviceName: string;
  /** Contract topics this service publishes to. */
  producesTo?: string[];
  consumerGroup?: string;
  /**
   * Partitions handled at the same time (default: all). One is right when handlers of different
   * students write shared rows (a mentor's, say): concurrent batches would lock them in clashing
   * orders and deadlock.
   */
  consumerPartitionsConcurrently?: number;
}

/**
 * Starts publishing at bootstrap and drains the runtime on shutdown. Consuming starts when the
 * bootstrap starts the event transport, which subscribes every `@EventPattern` handler first.
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register('kafka', () => this.runtime.checkBroker());
    this.metrics.deadLettersPending.set(await this.runtime.deadLetters.countPending());
    await this.runtime.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/** Offers the event transport to the bootstrap (`startMessageTransports`). */
@Injectable()
class EventTransportRegistration implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly transports: MessageTransports,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.transports.register({
      strategy: new EventTransport(this.runtime, (decoder) => this.moduleRef.get(decoder, { strict: false })),
      exceptionFilters: [new PassEventErrorsThrough()],
    });
  }
}

/**
 * The service's part in the event flow: outbox writer and relay, idempotent consumer with dead
 * letters, the event transport, and `/v1/ops/dead-letters`. Feature modules declare handlers as
 * `@EventPattern` methods of controllers and append events with `runtime.outbox` in their
 * transactions.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: MessagingRuntime,
          inject: [SERVICE_CONFIG, DataSource, MetricsService],
          useFactory: (config: BaseServiceConfig, dataSource: DataSource, metrics: MetricsService) =>
            new MessagingRuntime({
              serviceName: options.serviceName,
              consumerGroup: options.consumerGroup,
              consumerPartitionsConcurrently: options.consumerPartitionsConcurrently,
              producesTo: options.producesTo,
              kafkaConnection: kafkaConnectionOf(config),
              databaseUrl: config.DATABASE_URL,
              dataSource,
              topicNamespace: config.KAFKA_TOPIC_NAMESPACE,
              logger: createLogger(options.serviceName, { level: config.LOG_LEVEL }),
              metrics,
              runInContext: (context, work) => runWithContext(context, work),
            }),
        },
        MessagingLifecycle,
        EventTransportRegistration,
      ],
      exports: [MessagingRuntime],
    };
  }
}
