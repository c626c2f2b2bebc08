// `npm test`: installs what is missing, finds or starts Kafka and PostgreSQL once, then runs every
// project's type check (source and tests), lint, unit and integration tests through Nx.
import { ensureInfrastructure, installDependenciesIfNeeded, runBin, say } from './lib/bootstrap.mjs';

installDependenciesIfNeeded();
const infrastructure = await ensureInfrastructure();
say(`Kafka at ${process.env.KAFKA_BROKERS}, PostgreSQL at ${process.env.DATABASE_URL}`);

// Tests run services with the published development keys, which only development mode accepts.
const env = { ...process.env, MENTORING_DEV_MODE: process.env.MENTORING_DEV_MODE ?? 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const extra = process.argv.slice(2);
const steps = [
  ['type checks', ['run-many', '-t', 'typecheck', '--outputStyle=stream', ...extra]],
  ['lint and unit tests', ['run-many', '-t', 'lint', 'test', '--outputStyle=stream', ...extra]],
  ['integration tests', ['run-many', '-t', 'test-integration', '--parallel=1', '--outputStyle=stream', ...extra]],
];
let status = 0;
for (const [label, args] of steps) {
  say(`Running ${label}...`);
  status = runBin('nx', args, env);
  if (status !== 0) break;
}
await infrastructure.stop();
process.exit(status);
