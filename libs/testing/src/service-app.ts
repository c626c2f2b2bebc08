import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { developmentKeyFor, isPersonRole, signToken, TokenVerifier } from '@mentoring/auth';
import { BaseAppConfig, DEV_MODE_VARIABLE } from '@mentoring/config';
import { startMessageTransports } from '@mentoring/observability';
import { configureHttpApp } from '@mentoring/platform';
import { createTestDatabase, integrationEnv, TestDatabase, uniqueName } from './test-infrastructure';

export interface TestService<TConfig> {
  app: INestApplication;
  config: TConfig;
  database: TestDatabase;
  /** The topic namespace this service instance uses (share it to wire several services together). */
  namespace: string;
  /**
   * A bearer header for the given role and subject, for this service (its audience), signed as in
   * development: person roles by the console's development key, machine roles with AUTH_JWT_SECRET.
   * `programmes` fills a coordinator's claim.
   */
  bearer(role: Parameters<typeof signToken>[0]['role'], subject?: string, programmes?: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface TestServiceOptions<TConfig> {
  configClass: new () => TConfig;
  appModule: (config: TConfig) => Type | DynamicModule;
  label: string;
  /** Reuse a namespace (several services of one pipeline) or a database (a second replica). */
  namespace?: string;
  database?: TestDatabase;
  overrides?: Partial<TConfig>;
}

/**
 * Boots a service in-process against its own fresh database and a private topic namespace on the
 * real broker, exactly as main.ts would (same modules, pipes, event handlers and shutdown hooks).
 */
export async function startTestService<TConfig extends BaseAppConfig>(options: TestServiceOptions<TConfig>): Promise<TestService<TConfig>> {
  const database = options.database ?? (await createTestDatabase(options.label));
  const namespace = options.namespace ?? uniqueName(options.label);
  const config = Object.assign(new options.configClass(), {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: integrationEnv().kafkaBrokers,
    KAFKA_TOPIC_NAMESPACE: namespace,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // Tests run in development mode: the published development keys are the configuration's defaults.
    MENTORING_DEV_MODE: true,
    ...options.overrides,
  });
  const moduleRef = await Test.createTestingModule({ imports: [options.appModule(config)] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureHttpApp(app, { title: options.label, description: 'test', version: 'test' });
  await app.init();
  await startMessageTransports(app);
  return {
    app,
    config,
    database,
    namespace,
    bearer: async (role, subject = `${role}-test`, programmes?: string[]) => {
      const audience = tokenAudienceOf(app, options.label);
      const key = isPersonRole(role) ? developmentKeyFor(role, { [DEV_MODE_VARIABLE]: 'true' }) : machineSecretOf(config, role);
      return `Bearer ${await signToken({ subject, role, programmes, audience, key })}`;
    },
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}

function tokenAudienceOf(app: INestApplication, label: string): string {
  try {
    return app.get(TokenVerifier, { strict: false }).audience;
  } catch {
    throw new Error(`${label} verifies no bearer tokens, so the test has no use for one`);
  }
}

/** The service's own AUTH_JWT_SECRET (a test may override it), else the development key. */
function machineSecretOf(config: BaseAppConfig, role: Parameters<typeof developmentKeyFor>[0]): string {
  const secret = (config as BaseAppConfig & { AUTH_JWT_SECRET?: string }).AUTH_JWT_SECRET;
  return secret ?? developmentKeyFor(role, { [DEV_MODE_VARIABLE]: 'true' });
}
