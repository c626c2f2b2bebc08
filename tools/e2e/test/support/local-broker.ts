import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { integrationEnv } from '@mentoring/testing';

const BROKER_SCRIPT = path.resolve(__dirname, '../../../../infra/kafka/broker.mjs');

/** The scripts in infra/kafka address their broker by port; the tests' broker is the first in KAFKA_BROKERS. */
function brokerEnv(): NodeJS.ProcessEnv {
  const [host, port] = integrationEnv().kafkaBrokers[0].split(':');
  if (!['127.0.0.1', 'localhost'].includes(host)) return { ...process.env, KAFKA_PORT: '' };
  return { ...process.env, KAFKA_PORT: port };
}

/**
 * True when the tests' broker is the local one started by infra/kafka, the only one a test can
 * restart (a broker from Testcontainers or KAFKA_BROKERS belongs to someone else).
 */
export function brokerIsRestartable(): boolean {
  const env = brokerEnv();
  if (!env.KAFKA_PORT) return false;
  const status = spawnSync(process.execPath, [BROKER_SCRIPT, 'status'], { env, encoding: 'utf8', timeout: 60_000 });
  return status.status === 0 && /\(pid \d+\)/.test(status.stdout);
}

/** Runs `node infra/kafka/broker.mjs <command>` without blocking the test's own Kafka clients. */
function runBrokerScript(command: 'start' | 'restart'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BROKER_SCRIPT, command], { env: brokerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`broker.mjs ${command} exited with ${code}:\n${output}`))));
  });
}

/** Stops the broker gracefully and starts it again; resolves once it accepts topic writes. */
export function restartBroker(): Promise<string> {
  return runBrokerScript('restart');
}

/** Starts the broker unless it answers: suites after this one must find it running. */
export function ensureBrokerRunning(): Promise<string> {
  return runBrokerScript('start');
}
