import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { developmentKeyFor, signToken } from '@mentoring/auth';
import { namespacedTopic } from '@mentoring/contracts';
import { killHard, spawnTsProcess, stopGracefully, tailLog, TestProcess } from './processes';
import { createTestDatabase, integrationEnv, TestDatabase, uniqueName, waitUntil } from './test-infrastructure';

const repoRoot = path.resolve(__dirname, '../../..');
// The pipeline is development by construction: its processes get MENTORING_DEV_MODE from spawnTsProcess.
const DEVELOPMENT_MODE = { MENTORING_DEV_MODE: 'true' };

export const PIPELINE_SERVICES = ['grade-ingest', 'risk-scoring', 'mentor-matching', 'notification'] as const;
export type PipelineService = (typeof PIPELINE_SERVICES)[number];

export interface RunningInstance {
  service: PipelineService;
  port: number;
  process: TestProcess;
  url: string;
  /** notification only: the port of its inbound SMTP listener, where replies to case-thread emails are sent. */
  inboundSmtpPort?: number;
}

export interface CaughtMail {
  id: number;
  subject: string;
  text: string;
  html: string;
  envelope: { from?: string; to: string[] };
  attachments: { filename?: string; contentType: string }[];
  messageId?: string;
  /** The Reply-To address, when the email has one (case-thread notices). */
  replyTo?: string;
}


// Feeds the test tooling names in the `feed` header (libs/testing cohort, the demo replay): grade-ingest believes only listed ones.
const TEST_REGISTRAR_FEEDS = 'sis-e2e,demo-registrar';

type PipelineRole = Parameters<typeof signToken>[0]['role'];

/** Whom a call is made as; `programmes` fills a coordinator's claim. */
export interface PipelineCaller {
  role: PipelineRole;
  subject?: string;
  programmes?: string[];
}

export interface PipelineOptions {
  /** Extra environment per service, on top of what every instance gets. */
  env?: Partial<Record<PipelineService, Record<string, string>>>;
}

/**
 * The whole platform for one end-to-end test: every service in its own process (optionally
 * several replicas), each with its own fresh database, all on one private topic namespace of the
 * real broker, and an SMTP catcher process receiving the email.
 */
export class Pipeline {
  readonly namespace = uniqueName('e2e');
  readonly instances: RunningInstance[] = [];
  private readonly databases = new Map<PipelineService, TestDatabase>();
  private catcher?: { stop(): Promise<void>; httpUrl: string; smtpPort: number };
  /** Chosen in start(), before notification starts: it writes the console's address into every link it sends. */
  consoleUrl = '';
  private consoleApp?: { process: TestProcess; database: TestDatabase };
  /** The development clock every process of this pipeline runs on (MENTORING_CLOCK_FILE): an offset in milliseconds. */
  readonly clockFile = path.join(repoRoot, 'tmp', 'test-clocks', `${this.namespace}.offset`);
  private clockOffsetMs = 0;

  constructor(private readonly options: PipelineOptions = {}) {}

  async start(replicas = 1): Promise<void> {
    this.consoleUrl = `http://127.0.0.1:${await freePort()}`;
    this.writeClockOffset(0);
    await this.startCatcher();
    for (const service of PIPELINE_SERVICES) this.databases.set(service, await createTestDatabase(service));
    const starting: Promise<RunningInstance>[] = [];
    for (let replica = 0; replica < replicas; replica += 1) {
      for (const service of PIPELINE_SERVICES) starting.push(this.startInstance(service));
    }
    await Promise.all(starting);
  }

  /** Starts one more process of a service (a replica, or a restart after a kill). */
  async startInstance(service: PipelineService): Promise<RunningInstance> {
    const port = await freePort();
    const database = this.databases.get(service);
    if (!database || !this.catcher) throw new Error('start() the pipeline first');
    // Each notification process takes replies on a port of its own, so replicas and pipelines never collide.
    const inboundSmtpPort = service === 'notification' ? await freePort() : undefined;
    const child = spawnTsProcess(
      `services/${service}/src/main.ts`,
      {
        PORT: String(port),
        DATABASE_URL: database.url,
        KAFKA_BROKERS: integrationEnv().kafkaBrokers.join(','),
        KAFKA_TOPIC_NAMESPACE: this.namespace,
        SMTP_URL: `smtp://127.0.0.1:${this.catcher.smtpPort}`,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
        PUBLIC_BASE_URL: this.consoleUrl,
        MENTORING_CLOCK_FILE: this.clockFile,
        ...(service === 'grade-ingest' && { REGISTRAR_TOPIC_FEEDS: TEST_REGISTRAR_FEEDS }),
        ...(inboundSmtpPort !== undefined && { INBOUND_SMTP_PORT: String(inboundSmtpPort) }),
        ...this.options.env?.[service],
      },
      `${service}-${port}`,
    );
    const instance = { service, port, process: child, url: `http://127.0.0.1:${port}`, inboundSmtpPort };
    this.instances.push(instance);
    await waitUntilServing(child, instance.url, `${service} on port ${port}`);
    return instance;
  }

  /** Starts the console (services/console) against the first live instance of every service, with extra settings when given. */
  async startConsole(env: Record<string, string> = {}): Promise<void> {
    const database = await createTestDatabase('console');
    const serviceUrls = Object.fromEntries(PIPELINE_SERVICES.map((service) => [`${service.toUpperCase().replace(/-/g, '_')}_URL`, this.instancesOf(service)[0].url]));
    const child = spawnTsProcess('services/console/src/main.ts', { PORT: new URL(this.consoleUrl).port, DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info', MENTORING_CLOCK_FILE: this.clockFile, ...serviceUrls, ...env }, 'console');
    this.consoleApp = { process: child, database };
    await waitUntilServing(child, this.consoleUrl, 'console');
  }

  /** Creates a console sign-in through the console's own accounts CLI. */
  async addConsoleAccount(account: { username: string; displayName: string; role: 'mentor' | 'coordinator' | 'ops'; subject?: string; programmes?: string[]; password: string }): Promise<void> {
    if (!this.consoleApp) throw new Error('startConsole() first');
    const args = [
      ...['add', '--username', account.username, '--name', account.displayName, '--role', account.role],
      ...(account.subject ? ['--subject', account.subject] : []),
      ...(account.programmes ? ['--programmes', account.programmes.join(',')] : []),
    ];
    const cli = spawnTsProcess('services/console/src/accounts/cli/accounts-cli.ts', { DATABASE_URL: this.consoleApp.database.url, CONSOLE_PASSWORD: account.password, LOG_LEVEL: 'warn' }, 'console-accounts', args);
    const outcome = await cli.exited;
    if (outcome !== 0) throw new Error(`creating console account ${account.username} failed:\n${tailLog(cli)}`);
  }

  /** The log file of every process this pipeline started (services, replicas, restarts and the console), for tests that read what was logged. */
  logFiles(): string[] {
    return [...this.instances.map((instance) => instance.process.logFile), ...(this.consoleApp ? [this.consoleApp.process.logFile] : [])];
  }

  /**
   * Moves the time of every process of the pipeline (services, replicas, restarts and the console)
   * forward by `ms`: each reads the shared offset file at its next look at the clock, so timers due
   * by then fire at their next poll, with nothing waited for in real time.
   */
  advanceClock(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) throw new Error(`advanceClock takes a whole, non-negative number of milliseconds (got ${ms})`);
    this.writeClockOffset(this.clockOffsetMs + ms);
  }

  /** "Now" as the pipeline's processes see it: real time plus every advanceClock so far. */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  instancesOf(service: PipelineService): RunningInstance[] {
    return this.instances.filter((instance) => instance.service === service && isRunning(instance));
  }

  async kill(instance: RunningInstance): Promise<void> {
    await killHard(instance.process);
  }

  databaseOf(service: PipelineService): TestDatabase {
    const database = this.databases.get(service);
    if (!database) throw new Error(`no database for ${service}`);
    return database;
  }

  topic(contractTopic: string): string {
    return namespacedTopic(contractTopic, this.namespace);
  }

  /**
   * Calls a service's REST API (the first live instance) with a token of the given role, or of a
   * caller naming its programmes (a coordinator is limited to the programmes their token names).
   */
  async call<T = unknown>(service: PipelineService, method: string, route: string, as: PipelineRole | PipelineCaller, body?: unknown, subject?: string): Promise<{ status: number; body: T; headers: Headers }> {
    const [instance] = this.instancesOf(service);
    const caller: PipelineCaller = typeof as === 'string' ? { role: as } : as;
    const token = await signToken({
      subject: subject ?? caller.subject ?? `${caller.role}-e2e`,
      role: caller.role,
      programmes: caller.programmes,
      audience: service,
      key: developmentKeyFor(caller.role, DEVELOPMENT_MODE),
    });
    const response = await fetch(`${instance.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  async mail(): Promise<CaughtMail[]> {
    if (!this.catcher) return [];
    return (await fetch(`${this.catcher.httpUrl}/messages`)).json() as Promise<CaughtMail[]>;
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.filter(isRunning).map((i) => stopGracefully(i.process)));
    if (this.consoleApp) await stopGracefully(this.consoleApp.process);
    await this.catcher?.stop();
    await this.consoleApp?.database.drop();
    for (const database of this.databases.values()) await database.drop();
    fs.rmSync(this.clockFile, { force: true });
  }

  // Written beside and renamed into place, so no process ever reads a half-written offset.
  private writeClockOffset(offsetMs: number): void {
    fs.mkdirSync(path.dirname(this.clockFile), { recursive: true });
    const next = `${this.clockFile}.${process.pid}.next`;
    fs.writeFileSync(next, String(offsetMs));
    fs.renameSync(next, this.clockFile);
    this.clockOffsetMs = offsetMs;
  }

  private async startCatcher(): Promise<void> {
    const smtpPort = await freePort();
    const httpPort = await freePort();
    const child = spawn(process.execPath, ['infra/smtp/catcher.mjs'], {
      cwd: repoRoot,
      env: { ...process.env, SMTP_CATCHER_PORT: String(smtpPort), SMTP_CATCHER_HTTP_PORT: String(httpPort) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const httpUrl = `http://127.0.0.1:${httpPort}`;
    const state = await waitUntil('the SMTP catcher answers', async () => {
      if (child.exitCode !== null) return 'exited';
      return (await fetch(`${httpUrl}/messages`).catch(() => undefined))?.ok && 'ready';
    });
    if (state === 'exited') throw new Error(`the SMTP catcher exited before it answered:\n${stderr}`);
    this.catcher = {
      smtpPort,
      httpUrl,
      stop: () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  }
}

/**
 * A port nobody listens on, from the operating system. Fixed or random ranges collide when several
 * suites or checkouts run on one machine.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A process killed by a signal has no exit code, only a signal code. */
function hasExited(testProcess: TestProcess): boolean {
  return testProcess.child.exitCode !== null || testProcess.child.signalCode !== null;
}

function isRunning(instance: RunningInstance): boolean {
  return !hasExited(instance.process);
}

/**
 * Waits until the process answers /health/ready. A process that exits (a bad setting, a crash at
 * start) ends the wait at once, not at the limit; either failure carries the end of its log.
 */
async function waitUntilServing(testProcess: TestProcess, url: string, label: string): Promise<void> {
  const state = await waitUntil(`${label} is ready`, async () => {
    if (hasExited(testProcess)) return 'exited';
    return (await fetch(`${url}/health/ready`).catch(() => undefined))?.ok && 'ready';
  }, { timeoutMs: 120_000 }).catch((error: Error) => {
    throw new Error(`${error.message}\n${tailLog(testProcess)}`);
  });
  if (state === 'exited') throw new Error(`${label} exited before it was ready:\n${tailLog(testProcess)}`);
}
