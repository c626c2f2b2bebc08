import { BeforeApplicationShutdown, DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { BaseServiceConfig, kafkaConnectionOf, SERVICE_CONFIG } from '@mentoring/config';
import { createLogger, MetricsService, ReadinessRegistry, runWithContext } from '@mentoring/observability';
import { DataSource } from 'typeorm';
import { MessagingRuntime } from '../messaging-runtime';
import { DeadLettersController } from './dead-letters.controller';

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

/** Starts the runtime once every feature module has subscribed, and drains it on shutdown. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
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

/**
 * The service's part in the event flow: outbox writer and relay, idempotent consumer with dead
 * letters, and `/v1/ops/dead-letters`. Feature modules inject MessagingRuntime, call
 * `subscribe()` in `onModuleInit`, and append events with `runtime.outbox` in their transactions.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      controllers: [DeadLettersController],
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
      ],
      exports: [MessagingRuntime],
    };
  }
}
