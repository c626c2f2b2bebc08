// `npm start`: installs what is missing, starts Kafka, PostgreSQL (if needed), the SMTP catcher
// and every service, says where each listens and logs, and shuts everything down on Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureInfrastructure, fail, installDependenciesIfNeeded, repoRoot, say } from './lib/bootstrap.mjs';
import { databaseUrlFor, presentServices, startService, tail, waitUntilReady } from './lib/services.mjs';

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
          if (child.exitCode !== null) return resolve();
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
const rows = [];
await Promise.all(
  services.map(async (service) => {
    const logFile = path.join(logDir, `${service.name}.log`);
    say(`Starting ${service.name} on port ${service.port}...`);
    const child = startService(service, {
      logFile,
      env: {
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        DATABASE_URL: databaseUrlFor(serverUrl, service.database),
        SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
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
if (services.length === 0) fail('No services found under services/*/src/main.ts');

rows.sort((a, b) => a.url.localeCompare(b.url));
process.stdout.write('\nThe platform is running:\n');
console.table(rows);
process.stdout.write(`SMTP catcher: http://127.0.0.1:1080 (log ${path.relative(repoRoot, smtpLog)})\n`);
process.stdout.write(`Kafka: ${process.env.KAFKA_BROKERS}   PostgreSQL: ${serverUrl}\n`);
process.stdout.write('Press Ctrl-C to stop.\n');
