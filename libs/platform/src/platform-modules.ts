import { DynamicModule } from '@nestjs/common';
import { AuthModule } from '@mentoring/auth';
import { BaseAppConfig, BaseServiceConfig, configModuleFor } from '@mentoring/config';
import { MessagingModule, MessagingModuleOptions } from '@mentoring/messaging';
import { ObservabilityModule } from '@mentoring/observability';
import { PersistenceModule, PersistenceModuleOptions } from '@mentoring/persistence';
import { Clock, clockFromConfig, ClockModule } from './clock';
import { OperationsModule } from './operations/operations.module';

export interface PlatformOptions extends MessagingModuleOptions {
  entities?: PersistenceModuleOptions['entities'];
  migrations?: PersistenceModuleOptions['migrations'];
  /** Defaults to the system clock; tests pass one they can move. */
  clock?: Clock;
}

/**
 * The modules every service imports first: validated config, logs/metrics/health, bearer auth,
 * its own migrated database, the event flow and the clock. Feature modules come after.
 */
export function platformModules(config: BaseServiceConfig, options: PlatformOptions): DynamicModule[] {
  return [
    configModuleFor(config),
    ObservabilityModule.forRoot({ serviceName: options.serviceName, logLevel: config.LOG_LEVEL }),
    AuthModule.forRoot(AuthModule.optionsFrom(config, options.serviceName)),
    PersistenceModule.forRoot({ serviceName: options.serviceName, entities: options.entities, migrations: options.migrations }),
    MessagingModule.forRoot(options),
    OperationsModule.forRoot({ deadLetters: true }),
    ClockModule.forRoot(options.clock ?? clockFromConfig(config)),
  ];
}

export interface WebPlatformOptions {
  serviceName: string;
  entities?: PersistenceModuleOptions['entities'];
  migrations?: PersistenceModuleOptions['migrations'];
  /** Defaults to the system clock (or the development offset file); tests pass one they can move. */
  clock?: Clock;
}

/**
 * The same for a web application without Kafka (the console): config, logs/metrics/health and
 * its own database and the clock. It authenticates people itself, so no bearer auth and no dead letters.
 */
export function webPlatformModules(config: BaseAppConfig, options: WebPlatformOptions): DynamicModule[] {
  return [
    configModuleFor(config),
    ObservabilityModule.forRoot({ serviceName: options.serviceName, logLevel: config.LOG_LEVEL }),
    PersistenceModule.forRoot({ serviceName: options.serviceName, entities: options.entities, migrations: options.migrations }),
    OperationsModule.forRoot({ deadLetters: false }),
    ClockModule.forRoot(options.clock ?? clockFromConfig(config)),
  ];
}
