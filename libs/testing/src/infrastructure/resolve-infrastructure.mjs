// Finds the Kafka broker and PostgreSQL server that tests (and `npm test`) use, in this order:
// explicit env vars -> Testcontainers when a Docker engine answers -> the local scripts in infra/.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const infraModule = (relative) => import(pathToFileURL(path.join(repoRoot, relative)).href);

const BROKER_LIST = /^[A-Za-z0-9._-]+:\d{1,5}(,[A-Za-z0-9._-]+:\d{1,5})*$/;

/** Throws a message naming the variable when KAFKA_BROKERS is not a host:port list. */
export function parseKafkaBrokers(value) {
  if (!BROKER_LIST.test(value.trim())) {
    throw new Error(`KAFKA_BROKERS must be a comma-separated list of host:port (got "${value}")`);
  }
  return value.trim();
}

/** Throws a message naming the variable when DATABASE_URL is not a postgres:// URL; returns the server URL without a database. */
export function parseDatabaseServerUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`DATABASE_URL must be a URL like postgres://user@host:5432/db (got "${value}")`);
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol) || !url.hostname) {
    throw new Error(`DATABASE_URL must use postgres:// with a host (got "${value}")`);
  }
  url.pathname = '/postgres';
  return url.toString();
}

function dockerEngineAnswers() {
  const probe = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000, encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim().length > 0;
}

async function startContainers(log) {
  log('A Docker engine answers: starting Kafka and PostgreSQL with Testcontainers');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer('apache/kafka:3.9.1').withKraft().start(),
    new PostgreSqlContainer('postgres:16-alpine').withUsername('postgres').withPassword('postgres').start(),
  ]);
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    databaseServerUrl: parseDatabaseServerUrl(postgres.getConnectionUri()),
    stop: async () => Promise.all([kafka.stop(), postgres.stop()]),
  };
}

/** Resolves (and if needed starts) the infrastructure; returns broker list and a server-level database URL. */
export async function resolveInfrastructure({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const fromEnvKafka = process.env.KAFKA_BROKERS ? parseKafkaBrokers(process.env.KAFKA_BROKERS) : undefined;
  const fromEnvDb = process.env.DATABASE_URL ? parseDatabaseServerUrl(process.env.DATABASE_URL) : undefined;
  if (fromEnvKafka && fromEnvDb) {
    return { kafkaBrokers: fromEnvKafka, databaseServerUrl: fromEnvDb, stop: async () => undefined };
  }
  if (!fromEnvKafka && !fromEnvDb && dockerEngineAnswers()) {
    return startContainers(log);
  }
  let kafkaBrokers = fromEnvKafka;
  if (!kafkaBrokers) {
    const { ensureKafkaBroker } = await infraModule('infra/kafka/broker.mjs');
    kafkaBrokers = (await ensureKafkaBroker({ log })).brokers;
  }
  let databaseServerUrl = fromEnvDb;
  if (!databaseServerUrl) {
    const { ensurePostgres } = await infraModule('infra/postgres/server.mjs');
    databaseServerUrl = parseDatabaseServerUrl((await ensurePostgres({ log })).url);
  }
  return { kafkaBrokers, databaseServerUrl, stop: async () => undefined };
}
