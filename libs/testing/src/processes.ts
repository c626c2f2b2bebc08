import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

export interface TestProcess {
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Starts a TypeScript entry point in its own Node process (compiled on the fly by SWC with the
 * workspace's path aliases), logging to a file under tmp/test-logs. Test processes run in
 * development mode (the published development keys are accepted) unless `env` sets
 * MENTORING_DEV_MODE itself, e.g. to '' for a test of the production refusal.
 */
export function spawnTsProcess(entry: string, env: Record<string, string>, label = path.basename(entry, '.ts'), args: string[] = []): TestProcess {
  const logDir = path.join(repoRoot, 'tmp', 'test-logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.resolve(repoRoot, entry), ...args], {
    cwd: repoRoot,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.base.json'), MENTORING_DEV_MODE: 'true', ...env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, logFile, exited };
}

/** SIGKILL: the process gets no chance to clean up, as in a crash. */
export async function killHard(testProcess: TestProcess): Promise<void> {
  testProcess.child.kill('SIGKILL');
  await testProcess.exited;
}

/** SIGTERM and wait: the graceful path. */
export async function stopGracefully(testProcess: TestProcess): Promise<number | NodeJS.Signals | null> {
  testProcess.child.kill('SIGTERM');
  return testProcess.exited;
}

/** The last lines a test process wrote, for failure messages. */
export function tailLog(testProcess: TestProcess, lines = 40): string {
  return fs.readFileSync(testProcess.logFile, 'utf8').split('\n').slice(-lines).join('\n');
}
