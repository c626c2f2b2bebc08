import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseServiceConfig, SERVICE_CONFIG } from '@mentoring/config';
import { ReadinessRegistry } from '@mentoring/observability';
import { DataSource } from 'typeorm';
import {
  ensureDatabaseExists,
  runMigrationsExclusively,
  ServiceDataSourceOptions,
  serviceDataSourceOptions,
} from '../data-source/service-data-source';

export type PersistenceModuleOptions = Omit<ServiceDataSourceOptions, 'url'>;

/** Registers the "database" and "migrations" readiness checks. */
@Injectable()
class PersistenceReadiness implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
    this.readiness.register('migrations', async () => {
      if (await this.dataSource.showMigrations()) throw new Error('migrations are pending');
    });
  }
}

/**
 * The service's own database through TypeORM: created when missing, migrated at start-up under
 * an advisory lock (never `synchronize`), with readiness checks.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: BaseServiceConfig) => serviceDataSourceOptions({ ...options, url: config.DATABASE_URL }),
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('PersistenceModule: no data source options');
            await ensureDatabaseExists((dataSourceOptions as { url: string }).url);
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            await runMigrationsExclusively(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [PersistenceReadiness],
    };
  }
}
