// Jest global set-up for integration projects: resolves the infrastructure once per Jest run and
// hands it to the test workers through the environment.
module.exports = async function globalSetup() {
  const { resolveInfrastructure } = await import('../infrastructure/resolve-infrastructure.mjs');
  const infrastructure = await resolveInfrastructure();
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.DATABASE_URL = infrastructure.databaseServerUrl;
  globalThis.__MENTORING_INFRA_STOP__ = infrastructure.stop;
};
