import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { TimerWorker } from './timer-worker';

@Module({})
export class TimersModule {
  /** `handlers` provides DueTimerHandler: the composition root names it, so timers never import the features above them. */
  static register(handlers: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return { module: TimersModule, imports: handlers, providers: [TimerWorker] };
  }
}
