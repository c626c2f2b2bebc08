import { DynamicModule, Module, Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ConfigClass, loadConfig } from './load-config';

/** Injection token for the service's validated configuration object. */
export const SERVICE_CONFIG = 'SERVICE_CONFIG';

@Module({})
class ServiceConfigModule {}

/**
 * A global module providing the validated config under SERVICE_CONFIG, under its own class (so
 * `constructor(private readonly config: GradeIngestConfig)` works) and through ConfigService.
 * Pass the class to validate process.env here, or an instance already made by loadConfig.
 */
export function configModuleFor<T extends object>(source: ConfigClass<T> | T, env: NodeJS.ProcessEnv = process.env): DynamicModule {
  const config = typeof source === 'function' ? loadConfig(source, env) : source;
  const configClass = config.constructor as Type<T>;
  return {
    module: ServiceConfigModule,
    global: true,
    imports: [
      // `load` rather than `validate`: @nestjs/config copies whatever `validate` returns into
      // process.env, which would leak one service's defaults into another started in the same
      // process (e2e tests). skipProcessEnv makes ConfigService return the typed values.
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] }),
    ],
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: configClass, useValue: config },
    ],
    exports: [SERVICE_CONFIG, configClass],
  };
}
