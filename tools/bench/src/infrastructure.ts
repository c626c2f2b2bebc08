import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ResolvedInfrastructure {
  kafkaBrokers: string;
  databaseServerUrl: string;
  stop(): Promise<void>;
}

interface InfrastructureModule {
  resolveInfrastructure(options?: { log?: (message: string) => void }): Promise<ResolvedInfrastructure>;
}

const RESOLVER = path.resolve(__dirname, '../../../libs/testing/src/infrastructure/resolve-infrastructure.mjs');

// A native import(): the register hook would compile a written one into require(), which turns
// the resolver's own imports of infra/*.mjs into requires of file:// URLs that fail.
const importNative = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/**
 * Finds or starts Kafka and PostgreSQL exactly as `npm test` does, and exports KAFKA_BROKERS and
 * DATABASE_URL (server level) for the harness and the service processes it starts.
 */
export async function ensureInfrastructure(log: (message: string) => void): Promise<ResolvedInfrastructure> {
  const { resolveInfrastructure } = (await importNative(pathToFileURL(RESOLVER).href)) as InfrastructureModule;
  const infrastructure = await resolveInfrastructure({ log });
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.DATABASE_URL = infrastructure.databaseServerUrl;
  return infrastructure;
}
