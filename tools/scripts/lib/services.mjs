// The platform's services as `npm start`, end-to-end tests and the ops CLI run them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './bootstrap.mjs';

export const SERVICES = [
  { name: 'grade-ingest', port: 3001, database: 'grade_ingest' },
  { name: 'risk-scoring', port: 3002, database: 'risk_scoring' },
  { name: 'mentor-matching', port: 3003, database: 'mentor_matching' },
  { name: 'notification', port: 3004, database: 'notification' },
  { name: 'console', port: 3000, database: 'console' },
];

/** Services whose code exists in this checkout. */
export function presentServices() {
  return SERVICES.filter((service) => fs.existsSync(path.join(repoRoot, 'services', service.name, 'src', 'main.ts')));
}

/** postgres://.../<db> on the same server as `serverUrl`. */
export function databaseUrlFor(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Drops databases so the services create them afresh on start (`pg` is installed by then). WITH
 * (FORCE) ends sessions a crashed run may have left behind.
 */
export async function dropDatabases(serverUrl, databases) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    for (const database of databases) await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Starts a service from its TypeScript sources, logging to `logFile`. */
export function startService(service, { env, logFile, port = service.port }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join('services', service.name, 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.base.json'), PORT: String(port), ...env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return child;
}

/** Resolves once GET /health/ready answers 200; rejects if the process exits first or time runs out. */
export async function waitUntilReady(child, port, { timeoutMs = 120_000 } = {}) {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error('the process exited before it became ready');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s`);
}

/** The last lines of a log file, for error messages. */
export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
