import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DeadLettersController } from './dead-letters.controller';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

export interface OperationsOptions {
  /** Serve `/v1/ops/dead-letters` (services with a MessagingModule; the console has none). */
  deadLetters: boolean;
}

/**
 * What ops and orchestrators call on every process: `/health/live`, `/health/ready`, `/metrics`,
 * and for services the dead-letter desk. Reads the registries ObservabilityModule and
 * MessagingModule provide globally.
 */
@Module({})
export class OperationsModule {
  static forRoot(options: OperationsOptions): DynamicModule {
    return {
      module: OperationsModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController, MetricsController, ...(options.deadLetters ? [DeadLettersController] : [])],
    };
  }
}
