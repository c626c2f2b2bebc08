import { DynamicModule } from '@nestjs/common';
import { AuthModule } from '@mentoring/auth';
import { BaseServiceConfig, configModuleFor } from '@mentoring/config';
import { ObservabilityModule } from '@mentoring/observability';
import { PersistenceModule, PersistenceModuleOptions } from '@mentoring/persistence';
import { MessagingModule, MessagingModuleOptions } from './messaging.module';

export interface PlatformOptions extends MessagingModuleOptions {
  entities?: PersistenceModuleOptions['entities'];
  migrations?: PersistenceModuleOptions['migrations'];
}

/**
 * The modules every service imports first: validated config, logs/metrics/health, bearer auth,
 * its own migrated database, and the event flow. Feature modules come after.
 */
export function platformModules(config: BaseServiceConfig, options: PlatformOptions): DynamicModule[] {
  return [
    configModuleFor(config),
    ObservabilityModule.forRoot({ serviceName: options.serviceName, logLevel: config.LOG_LEVEL }),
    AuthModule.forRoot(AuthModule.optionsFrom(config, options.serviceName)),
    PersistenceModule.forRoot({ serviceName: options.serviceName, entities: options.entities, migrations: options.migrations }),
    MessagingModule.forRoot(options),
  ];
}
