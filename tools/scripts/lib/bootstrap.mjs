// What `npm start` and `npm test` do first on any machine: install dependencies when the lockfile
// changed, then find or start the infrastructure. Only Node built-ins are used before the install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Prints a line prefixed with the command's name to stderr (stdout stays for results). */
export function say(message) {
  process.stderr.write(`[mentoring] ${message}\n`);
}

/** Stops the process with a message a person can act on. */
export function fail(message) {
  say(`ERROR: ${message}`);
  process.exit(1);
}

/**
 * Installs the locked dependency tree when node_modules is missing or older than
 * package-lock.json. `npm install` rather than `npm ci`: both install the locked versions, but
 * `npm ci` refuses a lockfile that lacks other platforms' optional binaries (which a registry
 * mirror may not serve), and this lockfile is made on such a mirror.
 */
export function installDependenciesIfNeeded() {
  const lockfile = path.join(repoRoot, 'package-lock.json');
  const installedMarker = path.join(repoRoot, 'node_modules', '.package-lock.json');
  const upToDate =
    fs.existsSync(installedMarker) && fs.statSync(installedMarker).mtimeMs >= fs.statSync(lockfile).mtimeMs;
  if (upToDate) return;
  say('Installing dependencies (npm install, from package-lock.json)...');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) fail('npm install failed; see the output above.');
}

/** Finds or starts Kafka and PostgreSQL, and exports KAFKA_BROKERS / DATABASE_URL for child processes. */
export async function ensureInfrastructure() {
  const modulePath = path.join(repoRoot, 'libs/testing/src/infrastructure/resolve-infrastructure.mjs');
  const { resolveInfrastructure } = await import(pathToFileURL(modulePath).href);
  try {
    const infrastructure = await resolveInfrastructure({ log: say });
    process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
    process.env.DATABASE_URL = infrastructure.databaseServerUrl;
    return infrastructure;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

/** Runs a command from node_modules/.bin with inherited output; returns its exit status. */
export function runBin(bin, args, env = process.env) {
  const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', bin), args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env,
  });
  return result.status ?? 1;
}
