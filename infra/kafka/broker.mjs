#!/usr/bin/env node
// Single-node Apache Kafka (KRaft) for development and tests, without Docker.
//
//   node infra/kafka/broker.mjs start|stop|status|restart
//
// The jars come from Maven Central (see pom.xml) into a cache outside the repo;
// the broker runs detached so it outlives the process that started it, and a
// broker that already answers is reused.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import { pidAlive, portInUse, readPid, sleep, waitForExit, withLock, withTimeout, runIfInvokedDirectly } from '../lib/process.mjs';

const { Kafka, logLevel } = kafkajs;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const POM = path.join(HERE, 'pom.xml');
const LOG4J_PROPERTIES = path.join(HERE, 'log4j.properties');
const SERVER_PROPERTIES_TEMPLATE = path.join(HERE, 'server.properties');

export const KAFKA_VERSION = readKafkaVersion();

const DEFAULT_START_TIMEOUT_MS = 90_000;
const JAR_FETCH_TIMEOUT_MS = 15 * 60_000;
const LOG_TAIL_LINES = 30;

const JAVA_MISSING =
  'Java 17+ is required to run the Kafka broker: install a JDK (e.g. apt install openjdk-17-jre-headless) ' +
  'and make sure `java` is on PATH (or JAVA_HOME points at it)';
const MAVEN_MISSING =
  'Maven is required once, to download the Kafka broker jars from Maven Central: install it ' +
  '(e.g. apt install maven) and make sure `mvn` is on PATH';

function readKafkaVersion() {
  const pom = fs.readFileSync(POM, 'utf8');
  const match = pom.match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/);
  if (!match) throw new Error(`${POM} has no <kafka.version> property`);
  return match[1];
}

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535)`);
  }
  return port;
}

export function cacheDir() {
  return process.env.MENTORING_CACHE_DIR || path.join(os.homedir(), '.cache', 'mentoring-platform');
}

/**
 * Read at call time, not import time, so a test can set the env before calling. Options override
 * the environment: `port`, `controllerPort`, `stateDir` (for a throw-away broker) and `security`
 * (see secureListenerProperties) for a broker that only speaks SASL and checks ACLs.
 */
function config(options = {}) {
  const port = options.port ?? portFromEnv('KAFKA_PORT', 9092);
  const controllerPort = options.controllerPort ?? portFromEnv('KAFKA_CONTROLLER_PORT', 9093);
  if (port === controllerPort) throw new Error('KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ');
  const home = path.join(cacheDir(), `kafka-${KAFKA_VERSION}`);
  // Broker state is per port, so two brokers on different ports never share data or pid files.
  const stateDir = options.stateDir ?? path.join(home, `broker-${port}`);
  return {
    port,
    controllerPort,
    security: options.security,
    brokers: `127.0.0.1:${port}`,
    home,
    libsDir: path.join(home, 'libs'),
    libsMarker: path.join(home, 'libs', '.complete'),
    fetchLockDir: path.join(home, 'libs.lock'),
    stateDir,
    dataDir: path.join(stateDir, 'kraft-data'),
    propsFile: path.join(stateDir, 'server.properties'),
    clusterIdFile: path.join(stateDir, 'cluster-id'),
    pidFile: path.join(stateDir, 'broker.pid'),
    lockDir: path.join(stateDir, 'start.lock'),
    logFile: path.join(stateDir, 'logs', 'server.log'),
    stdoutFile: path.join(stateDir, 'logs', 'stdout.log'),
  };
}

// ---------------------------------------------------------------- processes

// Guards against signalling an unrelated process that reused a stale pid.
function isOurBroker(pid, cfg) {
  if (!pid || !pidAlive(pid)) return false;
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true; // no /proc (macOS): the pid file is all we have
  }
  return cmdline.includes('kafka.Kafka') && cmdline.includes(cfg.propsFile);
}

// ---------------------------------------------------------------- prerequisites

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function checkJava() {
  const result = spawnSync(javaBin(), ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error?.code === 'ENOENT') throw new Error(JAVA_MISSING);
  if (result.error) throw new Error(`\`${javaBin()} -version\` failed (${result.error.message}). ${JAVA_MISSING}`);
  const output = `${result.stderr}${result.stdout}`;
  const match = output.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) throw new Error(`Could not read the Java version from \`java -version\`: ${output.trim()}. ${JAVA_MISSING}`);
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (major < 17) throw new Error(`Found Java ${major}. ${JAVA_MISSING}`);
}

function checkMaven() {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error?.code === 'ENOENT') throw new Error(MAVEN_MISSING);
  if (result.error || result.status !== 0) {
    throw new Error(`\`mvn -v\` failed (${result.error?.message ?? `exit ${result.status}`}). ${MAVEN_MISSING}`);
  }
}

// ---------------------------------------------------------------- jars

function jarsComplete(cfg) {
  try {
    const marker = JSON.parse(fs.readFileSync(cfg.libsMarker, 'utf8'));
    return (
      marker.kafkaVersion === KAFKA_VERSION &&
      marker.jars.length > 0 &&
      marker.jars.every((jar) => fs.existsSync(path.join(cfg.libsDir, jar)))
    );
  } catch {
    return false;
  }
}

function runCapture(cmd, args, { timeoutMs, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

async function ensureJars(cfg, log) {
  if (jarsComplete(cfg)) return;
  checkMaven();
  await withLock(cfg.fetchLockDir, JAR_FETCH_TIMEOUT_MS + 60_000, log, 'downloading the Kafka jars', async () => {
    if (jarsComplete(cfg)) return;
    // Fetch into a scratch dir and rename, so an interrupted fetch never looks complete.
    const scratch = `${cfg.libsDir}.tmp-${process.pid}`;
    fs.rmSync(scratch, { recursive: true, force: true });
    log(`Downloading Kafka ${KAFKA_VERSION} jars from Maven Central into ${cfg.libsDir} (first run only)...`);
    const began = Date.now();
    const { code, signal, output } = await runCapture(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        POM,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${scratch}`,
        '-DincludeScope=runtime',
      ],
      { timeoutMs: JAR_FETCH_TIMEOUT_MS, cwd: HERE },
    );
    if (code !== 0) {
      fs.rmSync(scratch, { recursive: true, force: true });
      throw new Error(
        `Downloading the Kafka jars failed (mvn ${signal ?? `exit ${code}`}). Is Maven Central reachable?\n` +
          lastLines(output, LOG_TAIL_LINES),
      );
    }
    const jars = fs.readdirSync(scratch).filter((name) => name.endsWith('.jar'));
    if (!jars.includes(`kafka_2.13-${KAFKA_VERSION}.jar`)) {
      throw new Error(`mvn finished but ${scratch} has no kafka_2.13-${KAFKA_VERSION}.jar`);
    }
    fs.writeFileSync(path.join(scratch, '.complete'), JSON.stringify({ kafkaVersion: KAFKA_VERSION, jars }, null, 2));
    fs.rmSync(cfg.libsDir, { recursive: true, force: true });
    fs.renameSync(scratch, cfg.libsDir);
    log(`Downloaded ${jars.length} jars in ${((Date.now() - began) / 1000).toFixed(1)} s.`);
  });
}

// ---------------------------------------------------------------- storage and config

function renderServerProperties(cfg) {
  const values = {
    KAFKA_PORT: String(cfg.port),
    CONTROLLER_PORT: String(cfg.controllerPort),
    LOG_DIRS: cfg.dataDir,
  };
  const text = fs
    .readFileSync(SERVER_PROPERTIES_TEMPLATE, 'utf8')
    .replace(/\{\{(\w+)\}\}/g, (whole, key) => {
      if (!(key in values)) throw new Error(`${SERVER_PROPERTIES_TEMPLATE}: unknown placeholder ${whole}`);
      return values[key];
    });
  fs.mkdirSync(cfg.stateDir, { recursive: true });
  const secured = cfg.security ? `\n${secureListenerProperties(cfg)}` : '';
  fs.writeFileSync(cfg.propsFile, `# Generated from ${SERVER_PROPERTIES_TEMPLATE}; edits here are overwritten.\n${text}${secured}`);
}

const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];

function jaasQuote(value) {
  if (/["\\\n]/.test(value)) throw new Error('SASL user names and passwords for the local broker may not contain quotes, backslashes or newlines');
  return `"${value}"`;
}

/**
 * A broker whose client and inter-broker listener is SASL_PLAINTEXT with SCRAM, whose controller
 * listener takes PLAIN from the super user only (KRaft controllers cannot check SCRAM: the
 * credentials live in the metadata they serve), and where the StandardAuthorizer refuses
 * everything no ACL allows. Later keys override the template's, as java.util.Properties reads them.
 *
 * security: { superUser: { name, password }, users: [{ name, password }], tls?: { port, keystoreFile } }
 * - every user, the super user included, gets SCRAM-SHA-256 and SCRAM-SHA-512 credentials when the
 * storage is formatted; with `tls`, a SASL_SSL listener on its port as well, whose key and
 * certificate chain are in the PEM file `keystoreFile`.
 */
function secureListenerProperties(cfg) {
  const { name, password } = cfg.security.superUser;
  const tls = cfg.security.tls;
  const clientListeners = ['SASL_PLAINTEXT', ...(tls ? ['SASL_SSL'] : [])];
  const address = (listener) => `${listener}://127.0.0.1:${listener === 'SASL_SSL' ? tls.port : cfg.port}`;
  return [
    '############################# SASL (SCRAM) and ACLs #############################',
    `listeners=${clientListeners.map(address).join(',')},CONTROLLER://127.0.0.1:${cfg.controllerPort}`,
    `advertised.listeners=${clientListeners.map(address).join(',')}`,
    `listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,${clientListeners.map((listener) => `${listener}:${listener}`).join(',')}`,
    'inter.broker.listener.name=SASL_PLAINTEXT',
    `sasl.enabled.mechanisms=${SCRAM_MECHANISMS.join(',')}`,
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    // Every mechanism a listener enables needs its own login entry; the super user's is also the broker's own login.
    ...clientListeners.flatMap((listener) =>
      SCRAM_MECHANISMS.map(
        (mechanism) =>
          `listener.name.${listener.toLowerCase()}.${mechanism.toLowerCase()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=${jaasQuote(name)} password=${jaasQuote(password)};`,
      ),
    ),
    // TLS: the broker's key and certificate chain in one PEM file.
    ...(tls ? ['ssl.keystore.type=PEM', `ssl.keystore.location=${tls.keystoreFile}`] : []),
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=${jaasQuote(name)} password=${jaasQuote(password)} user_${name}=${jaasQuote(password)};`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${name}`,
    'allow.everyone.if.no.acl.found=false',
    '',
  ].join('\n');
}

function scramArguments(security) {
  if (!security) return [];
  const users = [security.superUser, ...(security.users ?? [])];
  return users.flatMap(({ name, password }) =>
    SCRAM_MECHANISMS.flatMap((mechanism) => ['--add-scram', `${mechanism}=[name=${name},password=${password}]`]),
  );
}

function clusterId(cfg) {
  try {
    const stored = fs.readFileSync(cfg.clusterIdFile, 'utf8').trim();
    if (stored) return stored;
  } catch {
    // first start
  }
  // Same shape as Kafka's Uuid.randomUuid(); it also avoids a leading '-',
  // which StorageTool's argument parser would take for an option.
  let id;
  do id = crypto.randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  fs.writeFileSync(cfg.clusterIdFile, `${id}\n`);
  return id;
}

function javaBaseArgs(cfg) {
  return [
    `-Dlog4j.configuration=${pathToFileURL(LOG4J_PROPERTIES).href}`,
    `-Dkafka.log.file=${cfg.logFile}`,
    '-cp',
    // Java expands this wildcard itself, so no shell is involved.
    path.join(cfg.libsDir, '*'),
  ];
}

function formatStorage(cfg, log) {
  if (fs.existsSync(path.join(cfg.dataDir, 'meta.properties'))) return;
  const id = clusterId(cfg);
  log(`Formatting KRaft storage in ${cfg.dataDir} (cluster id ${id})...`);
  const result = spawnSync(
    javaBin(),
    [...javaBaseArgs(cfg), 'kafka.tools.StorageTool', 'format', '-t', id, '-c', cfg.propsFile, '--ignore-formatted', ...scramArguments(cfg.security)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.error || result.status !== 0) {
    throw new Error(
      `Formatting Kafka storage failed (${result.error?.message ?? `exit ${result.status}`}):\n` +
        lastLines(`${result.stdout}${result.stderr}`, LOG_TAIL_LINES),
    );
  }
}

// ---------------------------------------------------------------- probes

function probeClient(brokers, timeoutMs, security) {
  return new Kafka({
    ...(security && { sasl: { mechanism: 'scram-sha-512', username: security.superUser.name, password: security.superUser.password } }),
    clientId: 'mentoring-dev-broker-probe',
    brokers: String(brokers)
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(1000, timeoutMs),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
}

/** True when a Kafka broker answers a metadata request at `brokers` ("host:port[,host:port]"). */
export async function kafkaAnswers(brokers = config().brokers, { timeoutMs = 3000, security } = {}) {
  const admin = probeClient(brokers, timeoutMs, security).admin();
  try {
    await withTimeout(
      admin.connect().then(() => admin.describeCluster()),
      timeoutMs,
      'Kafka probe',
    );
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

// A broker can answer metadata before its controller accepts writes; creating a
// topic proves clients will actually be able to use it.
async function brokerUsable(brokers, security) {
  const admin = probeClient(brokers, 10_000, security).admin();
  const topic = `mentoring-dev-probe-${process.pid}-${Date.now()}`;
  try {
    await withTimeout(
      (async () => {
        await admin.connect();
        await admin.describeCluster();
        await admin.createTopics({
          topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
          waitForLeaders: true,
          timeout: 10_000,
        });
        await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
      })(),
      20_000,
      'Kafka readiness probe',
    );
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

// ---------------------------------------------------------------- logs

function lastLines(text, n) {
  const lines = String(text).trimEnd().split('\n');
  return lines.slice(-n).join('\n');
}

function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function tailSince(file, offset, n) {
  try {
    const buffer = fs.readFileSync(file);
    return lastLines(buffer.subarray(Math.min(offset, buffer.length)).toString('utf8'), n);
  } catch {
    return '';
  }
}

function startupLogTail(cfg, logOffset) {
  const parts = [];
  const stdout = tailSince(cfg.stdoutFile, 0, LOG_TAIL_LINES);
  if (stdout) parts.push(`--- last lines of ${cfg.stdoutFile} ---\n${stdout}`);
  const server = tailSince(cfg.logFile, logOffset, LOG_TAIL_LINES);
  parts.push(`--- last ${LOG_TAIL_LINES} lines of ${cfg.logFile} ---\n${server || '(empty)'}`);
  return parts.join('\n');
}

// ---------------------------------------------------------------- start / stop

function spawnBroker(cfg) {
  fs.mkdirSync(path.dirname(cfg.logFile), { recursive: true });
  // stdout/stderr only carry what happens before log4j is up (JVM errors);
  // truncating keeps that file about the current run.
  const out = fs.openSync(cfg.stdoutFile, 'w');
  try {
    const child = spawn(
      javaBin(),
      [
        '-Xms256m',
        '-Xmx512m',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        // A broker that ran out of heap is better dead (and restarted) than limping.
        '-XX:+ExitOnOutOfMemoryError',
        '-Djava.awt.headless=true',
        ...javaBaseArgs(cfg),
        'kafka.Kafka',
        cfg.propsFile,
      ],
      // Own session and no pipes to us, so the broker survives the caller
      // (a jest run, a terminal's Ctrl+C) and keeps running for the next one.
      { detached: true, stdio: ['ignore', out, out], cwd: cfg.stateDir },
    );
    child.unref();
    return child;
  } finally {
    fs.closeSync(out);
  }
}

async function waitUntilUsable(cfg, { pid, child, timeoutMs, logOffset }) {
  let exited = null;
  child?.once('exit', (code, signal) => (exited = { code, signal }));
  child?.once('error', (err) => (exited = { error: err }));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited || !pidAlive(pid)) {
      const how = exited?.error
        ? exited.error.message
        : exited
          ? exited.signal
            ? `signal ${exited.signal}`
            : `exit code ${exited.code}`
          : 'exited';
      throw new Error(`The Kafka broker (pid ${pid}) stopped during startup (${how}).\n${startupLogTail(cfg, logOffset)}`);
    }
    if (await brokerUsable(cfg.brokers, cfg.security)) return;
    await sleep(500);
  }
  throw new Error(
    `The Kafka broker (pid ${pid}) did not become usable on ${cfg.brokers} within ${Math.round(timeoutMs / 1000)} s.\n` +
      startupLogTail(cfg, logOffset),
  );
}

/**
 * Makes sure a Kafka broker answers on 127.0.0.1:$KAFKA_PORT, starting one if needed.
 * Safe to call from several processes at once: only one starts a broker.
 */
export async function ensureKafkaBroker({ log = console.error, timeoutMs = DEFAULT_START_TIMEOUT_MS, ...options } = {}) {
  const cfg = config(options);
  const result = (started, pid = readPid(cfg.pidFile)) => ({
    brokers: cfg.brokers,
    logFile: cfg.logFile,
    started,
    pid: isOurBroker(pid, cfg) ? pid : null,
  });
  if (await kafkaAnswers(cfg.brokers, { security: cfg.security })) return result(false);

  // Fail in seconds, before any lock or download, when the machine cannot run a broker.
  checkJava();
  await ensureJars(cfg, log);

  return withLock(cfg.lockDir, timeoutMs + 60_000, log, `starting the Kafka broker on ${cfg.brokers}`, async () => {
    // Whoever held the lock before us may have started it.
    if (await kafkaAnswers(cfg.brokers, { security: cfg.security })) return result(false);

    const existing = readPid(cfg.pidFile);
    if (isOurBroker(existing, cfg)) {
      log(`Kafka broker pid ${existing} is running but not answering yet; waiting for it...`);
      await waitUntilUsable(cfg, { pid: existing, timeoutMs, logOffset: 0 }).catch((err) => {
        throw new Error(`${err.message}\nStop it with \`node infra/kafka/broker.mjs stop\` and start again.`);
      });
      return result(false, existing);
    }
    fs.rmSync(cfg.pidFile, { force: true });

    for (const [name, port] of [
      ['KAFKA_PORT', cfg.port],
      ['KAFKA_CONTROLLER_PORT', cfg.controllerPort],
    ]) {
      if (await portInUse(port)) {
        throw new Error(
          `Port ${port} on 127.0.0.1 is taken by a process that does not answer as a Kafka broker. ` +
            `Free it, or set ${name} to another port.`,
        );
      }
    }

    renderServerProperties(cfg);
    formatStorage(cfg, log);

    const logOffset = fileSize(cfg.logFile);
    const began = Date.now();
    log(`Starting Kafka ${KAFKA_VERSION} broker on ${cfg.brokers} (log: ${cfg.logFile})...`);
    const child = spawnBroker(cfg);
    if (!child.pid) {
      await new Promise((resolve) => child.once('error', resolve).once('spawn', resolve));
      throw new Error(`Could not start ${javaBin()}. ${JAVA_MISSING}`);
    }
    fs.writeFileSync(cfg.pidFile, `${child.pid}\n`);
    try {
      await waitUntilUsable(cfg, { pid: child.pid, child, timeoutMs, logOffset });
    } catch (err) {
      // A half-started broker would hold the ports and make the next attempt fail too.
      await terminate(child.pid, 10_000);
      fs.rmSync(cfg.pidFile, { force: true });
      throw err;
    }
    log(`Kafka broker is up on ${cfg.brokers} after ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${child.pid}).`);
    return result(true, child.pid);
  });
}

async function terminate(pid, graceMs) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitForExit(pid, graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForExit(pid, 10_000);
}

/**
 * Stops the broker these scripts started (SIGTERM, then SIGKILL after `graceMs`).
 * A broker started some other way is left alone.
 */
export async function stopKafkaBroker({ graceMs = 30_000, ...options } = {}) {
  const cfg = config(options);
  const pid = readPid(cfg.pidFile);
  if (!isOurBroker(pid, cfg)) {
    fs.rmSync(cfg.pidFile, { force: true });
    return { stopped: false, pid: null, brokers: cfg.brokers, stillAnswering: await kafkaAnswers(cfg.brokers, { security: cfg.security }) };
  }
  await terminate(pid, graceMs);
  fs.rmSync(cfg.pidFile, { force: true });
  return { stopped: true, pid, brokers: cfg.brokers, stillAnswering: false };
}

/**
 * For chaos tests: sends `signal` to the broker. SIGKILL simulates a crash;
 * SIGSTOP/SIGCONT freeze and thaw it (the pid file is kept for those).
 */
export async function killKafkaBroker({ signal = 'SIGKILL', timeoutMs = 30_000 } = {}) {
  const cfg = config();
  const pid = readPid(cfg.pidFile);
  if (!isOurBroker(pid, cfg)) throw new Error(`No Kafka broker started by these scripts runs on ${cfg.brokers}`);
  process.kill(pid, signal);
  if (signal === 'SIGSTOP' || signal === 'SIGCONT' || signal === 'SIGTSTP') return { pid, signal };
  if (!(await waitForExit(pid, timeoutMs))) {
    throw new Error(`Kafka broker pid ${pid} still runs ${Math.round(timeoutMs / 1000)} s after ${signal}`);
  }
  fs.rmSync(cfg.pidFile, { force: true });
  return { pid, signal };
}

/** For chaos tests: stop (gracefully, or with `signal`), stay down `downMs`, start again. */
export async function restartKafkaBroker({ signal = 'SIGTERM', downMs = 0, log = console.error } = {}) {
  if (signal === 'SIGTERM') await stopKafkaBroker();
  else await killKafkaBroker({ signal });
  if (downMs > 0) await sleep(downMs);
  return ensureKafkaBroker({ log });
}

export async function kafkaBrokerStatus() {
  const cfg = config();
  const pid = readPid(cfg.pidFile);
  return {
    brokers: cfg.brokers,
    answers: await kafkaAnswers(cfg.brokers),
    pid: isOurBroker(pid, cfg) ? pid : null,
    logFile: cfg.logFile,
    kafkaVersion: KAFKA_VERSION,
    jarsCached: jarsComplete(cfg),
  };
}

// ---------------------------------------------------------------- CLI

async function main(command) {
  switch (command) {
    case 'start': {
      const { brokers, logFile, started, pid } = await ensureKafkaBroker();
      console.log(`Kafka broker ${brokers}: ${started ? 'started' : 'already running, reused'}${pid ? ` (pid ${pid})` : ''}`);
      console.log(`Log file: ${logFile}`);
      return 0;
    }
    case 'stop': {
      const { brokers, stopped, pid, stillAnswering } = await stopKafkaBroker();
      if (stopped) console.log(`Kafka broker ${brokers}: stopped (pid ${pid})`);
      else if (stillAnswering) console.log(`Kafka broker ${brokers}: answers, but was not started by this script; left alone`);
      else console.log(`Kafka broker ${brokers}: not running`);
      console.log(`Log file: ${config().logFile}`);
      return 0;
    }
    case 'restart': {
      const { brokers, logFile, pid } = await restartKafkaBroker();
      console.log(`Kafka broker ${brokers}: restarted${pid ? ` (pid ${pid})` : ''}`);
      console.log(`Log file: ${logFile}`);
      return 0;
    }
    case 'status': {
      const s = await kafkaBrokerStatus();
      const state = s.answers ? 'running' : s.pid ? 'process alive but not answering' : 'not running';
      console.log(`Kafka broker ${s.brokers}: ${state}${s.pid ? ` (pid ${s.pid})` : ''}`);
      console.log(`Log file: ${s.logFile}`);
      console.log(`Kafka ${s.kafkaVersion}, jars ${s.jarsCached ? 'cached' : 'not downloaded yet'}`);
      return s.answers ? 0 : 1;
    }
    default:
      console.error('Usage: node infra/kafka/broker.mjs start|stop|status|restart');
      return 2;
  }
}

runIfInvokedDirectly(import.meta.url, main, process.argv[2]);
