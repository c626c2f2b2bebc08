import { Client } from 'pg';
import { DataSource, DataSourceOptions, EntitySchema, MigrationInterface } from 'typeorm';
import { DeadLetterEntity } from '../messaging-tables/dead-letter.entity';
import { InboxMessageEntity } from '../messaging-tables/inbox-message.entity';
import { MessagingTables1732300000000 } from '../messaging-tables/1732300000000-messaging-tables';
import { OutboxMessageEntity } from '../messaging-tables/outbox-message.entity';
import { MessagingTraceContext1796300000000 } from '../messaging-tables/1796300000000-messaging-trace-context';

type EntityClass = (new (...args: never[]) => object) | EntitySchema;
type MigrationClass = new () => MigrationInterface;

export interface ServiceDataSourceOptions {
  /** postgres://user@host:port/database — the service's own database. */
  url: string;
  serviceName: string;
  entities?: EntityClass[];
  migrations?: MigrationClass[];
  poolSize?: number;
}

/** The messaging tables every service has, ahead of its own entities and migrations. */
const MESSAGING_ENTITIES: EntityClass[] = [OutboxMessageEntity, InboxMessageEntity, DeadLetterEntity];
const MESSAGING_MIGRATIONS: MigrationClass[] = [MessagingTables1732300000000, MessagingTraceContext1796300000000];

/** TypeORM options for a service database: migrations only, never `synchronize`. */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: [...MESSAGING_ENTITIES, ...(options.entities ?? [])],
    migrations: [...MESSAGING_MIGRATIONS, ...(options.migrations ?? [])],
    migrationsRun: false,
    synchronize: false,
    applicationName: options.serviceName,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      // A dead peer (kill -9, network loss) must not hold a pooled connection for minutes.
      keepAlive: true,
    },
  };
}

/** Creates the database named in `url` when it does not exist yet (safe when replicas race). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL must name a database (got "${url}")`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // 42P04 duplicate_database / 23505: another replica created it between our check and create.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

// Arbitrary constant: one advisory lock per database serialises migrations across replicas.
const MIGRATION_LOCK_KEY = 7_316_001;

/**
 * Runs pending migrations under a database-wide advisory lock, so replicas starting together
 * apply each migration exactly once.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Ensures the database, connects and migrates: what every service does at start-up. */
export async function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  await ensureDatabaseExists(options.url);
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  await runMigrationsExclusively(dataSource);
  return dataSource;
}
