// `npm start`: installs what is missing, starts Kafka, PostgreSQL (if needed), the SMTP catcher
// and every service, says where each listens and logs, then replays the demo cohort through the
// platform (unless --no-demo), and shuts everything down on Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureInfrastructure, fail, installDependenciesIfNeeded, repoRoot, say } from './lib/bootstrap.mjs';
import { databaseUrlFor, dropDatabases, presentServices, startService, tail, waitUntilReady } from './lib/services.mjs';

const USAGE = `usage: npm start -- [--no-demo] [--students N] [--mentors M] [--seed S] [--settle-timeout SECONDS]
  --no-demo    start the platform on its own databases and topics, without the demo replay
  the other options size the demo cohort (defaults: 2000 students, 60 mentors, seed 42)`;

// The demo runs on databases and topics of its own, recreated at every start, so each run shows
// the same sample from scratch and never mixes with data made without it.
const DEMO_NAMESPACE = 'demo';
const DEMO_DATABASE_SUFFIX = '_demo';
// The demo's development clock (MENTORING_CLOCK_FILE): every service and the demo read the offset
// in it, so the demo can let days pass for reminders and nudges. Reset to no offset at every start.
const DEMO_CLOCK_FILE = path.join(repoRoot, 'tmp', 'demo-clock.offset');

const { demo, demoArgs } = readOptions(process.argv.slice(2));

// A laptop run: the services, the console and the demo accept the published development keys.
// Only this explicit switch allows them; a deployment without it refuses to start with them.
process.env.MENTORING_DEV_MODE ??= 'true';

function readOptions(args) {
  try {
    const { values } = parseArgs({
      args,
      options: {
        'no-demo': { type: 'boolean', default: false },
        students: { type: 'string' },
        mentors: { type: 'string' },
        seed: { type: 'string' },
        'settle-timeout': { type: 'string' },
      },
    });
    const { 'no-demo': noDemo, ...sizing } = values;
    return { demo: !noDemo, demoArgs: Object.entries(sizing).flatMap(([name, value]) => [`--${name}`, value]) };
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
}

installDependenciesIfNeeded();
await ensureInfrastructure();
const serverUrl = process.env.DATABASE_URL;
const logDir = path.join(repoRoot, 'tmp', 'logs');
fs.mkdirSync(logDir, { recursive: true });

const children = [];
const smtpLog = path.join(logDir, 'smtp-catcher.log');
const smtpOut = fs.openSync(smtpLog, 'a');
children.push({ name: 'smtp-catcher', child: spawn(process.execPath, ['infra/smtp/catcher.mjs'], { cwd: repoRoot, stdio: ['ignore', smtpOut, smtpOut] }) });

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('Stopping services (finishing in-flight work)...');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  say('Stopped. Kafka and PostgreSQL keep running (npm run kafka -- stop to stop the broker).');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

const services = presentServices();
if (services.length === 0) fail('No services found under services/*/src/main.ts');
const databaseOf = (service) => (demo ? `${service.database}${DEMO_DATABASE_SUFFIX}` : service.database);
if (demo) {
  say(`Demo mode: fresh databases (${services.map(databaseOf).join(', ')}) and topics under "${DEMO_NAMESPACE}." (npm start -- --no-demo skips the demo)`);
  await dropDatabases(serverUrl, services.map(databaseOf));
  fs.writeFileSync(DEMO_CLOCK_FILE, '0');
}

const rows = [];
await Promise.all(
  services.map(async (service) => {
    const logFile = path.join(logDir, `${service.name}.log`);
    say(`Starting ${service.name} on port ${service.port}...`);
    const child = startService(service, {
      logFile,
      env: {
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        DATABASE_URL: databaseUrlFor(serverUrl, databaseOf(service)),
        SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
        ...(demo && { KAFKA_TOPIC_NAMESPACE: DEMO_NAMESPACE, MENTORING_CLOCK_FILE: DEMO_CLOCK_FILE }),
        // The demo replays its Kafka records under this feed header (tools/demo/src/demo-cli.ts).
        ...(demo && service.name === 'grade-ingest' && { REGISTRAR_TOPIC_FEEDS: [process.env.REGISTRAR_TOPIC_FEEDS, 'demo-registrar'].filter(Boolean).join(',') }),
      },
    });
    children.push({ name: service.name, child });
    try {
      await waitUntilReady(child, service.port);
    } catch (error) {
      say(`${service.name} did not start: ${error.message}\n${tail(logFile)}`);
      await shutdown(1);
    }
    rows.push({ service: service.name, url: `http://127.0.0.1:${service.port}`, docs: `http://127.0.0.1:${service.port}/docs`, log: path.relative(repoRoot, logFile) });
  }),
);

rows.sort((a, b) => a.url.localeCompare(b.url));
process.stdout.write('\nThe platform is running:\n');
console.table(rows);
process.stdout.write(`SMTP catcher: http://127.0.0.1:1080 (log ${path.relative(repoRoot, smtpLog)})\n`);
// notification's own listener: replies to case-thread emails (their Reply-To) are sent here.
process.stdout.write(`Replies to case-thread emails: smtp://127.0.0.1:${process.env.INBOUND_SMTP_PORT ?? 2525} (notification's inbound listener)\n`);
process.stdout.write(`Kafka: ${process.env.KAFKA_BROKERS}   PostgreSQL: ${serverUrl}\n`);
process.stdout.write(
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT
    ? `Traces: sent over OTLP to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}; look them up in that receiver's UI (a log line's traceId finds its trace)\n`
    : 'Traces: not exported; start an OTLP receiver (e.g. Jaeger, README "Tracing") and set OTEL_EXPORTER_OTLP_ENDPOINT to see them\n',
);
if (demo) await runDemo();
process.stdout.write('Press Ctrl-C to stop.\n');

/** Runs the demo replay (tools/demo/src/demo-cli.ts) in its own process; the platform keeps running whatever it reports. */
async function runDemo() {
  const consoleService = services.find((service) => service.name === 'console');
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/demo/src/demo-cli.ts', ...demoArgs, ...(consoleService ? consoleArgs(consoleService) : [])],
    {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.base.json'), KAFKA_TOPIC_NAMESPACE: DEMO_NAMESPACE, MENTORING_CLOCK_FILE: DEMO_CLOCK_FILE },
      stdio: 'inherit',
    },
  );
  children.push({ name: 'demo', child });
  const code = await new Promise((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  if (code !== 0 && !stopping) say('The demo did not finish (see above); the platform keeps running.');
}

/** Where the demo finds the console, and its database (the demo creates its people's sign-ins there). */
function consoleArgs(consoleService) {
  return ['--console-url', `http://127.0.0.1:${consoleService.port}`, '--console-database-url', databaseUrlFor(serverUrl, databaseOf(consoleService))];
}
