import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { KafkaConnection, loadKafkaConnection } from '@mentoring/config';
import { Kafka, logLevel, SASLOptions } from 'kafkajs';

/** The broker list and server-level database URL that the Jest global set-up resolved. */
export function integrationEnv(): { kafkaBrokers: string[]; databaseServerUrl: string } {
  const brokers = process.env.KAFKA_BROKERS;
  const databaseServerUrl = process.env.DATABASE_URL;
  if (!brokers || !databaseServerUrl) {
    throw new Error('Integration tests need the libs/testing global set-up (run them through `npm test` or the test-integration target)');
  }
  return { kafkaBrokers: brokers.split(','), databaseServerUrl };
}

/** A short unique name for per-suite topics, groups and databases, so suites never see each other's data. */
export function uniqueName(label: string): string {
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  return `${safe}_${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh database on the test server; `drop()` removes it (forcing out leftover connections). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const { databaseServerUrl } = integrationEnv();
  const name = `test_${uniqueName(label)}`;
  await withServerClient(databaseServerUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(databaseServerUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withServerClient(databaseServerUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withServerClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How tests reach the broker: the global set-up's brokers, over TLS/SASL when the environment asks for it. */
export function testKafkaConnection(): KafkaConnection {
  return loadKafkaConnection({ ...process.env, KAFKA_BROKERS: integrationEnv().kafkaBrokers.join(',') });
}

/** A kafkajs client for tests, quiet unless something is wrong. */
export function testKafka(clientId = uniqueName('test-client')): Kafka {
  const { brokers, ssl, sasl } = testKafkaConnection();
  // The mechanisms KafkaConnection allows are a subset of kafkajs's, with the same fields.
  return new Kafka({ clientId, brokers, ssl, sasl: sasl as SASLOptions | undefined, logLevel: logLevel.ERROR });
}

/**
 * Limits for waits on a whole pipeline's real state: generous because the machine may be a small,
 * shared CI runner; they only matter when something is stuck.
 */
export const PATIENTLY = { timeoutMs: 120_000, intervalMs: 250 } as const;

/** Polls until `check` returns a value other than undefined/false, or fails with `description` after the limit. */
export async function waitUntil<T>(
  description: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 60_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out waiting until ${description}${lastError ? `: ${String(lastError)}` : ''}`);
}
