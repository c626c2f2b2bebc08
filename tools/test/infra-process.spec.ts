import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// infra/lib/process.mjs is an ES module (the infra scripts are plain Node); Jest's CommonJS runtime
// cannot import it, so each check runs in a child node that prints its result as JSON.
const repoRoot = path.resolve(__dirname, '../..');
const LIB = pathToFileURL(path.join(repoRoot, 'infra/lib/process.mjs')).href;

function run<T>(body: string): T {
  const script = `import * as lib from '${LIB}';\nconst result = await (async () => { ${body} })();\nprocess.stdout.write(JSON.stringify(result ?? null));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

function processState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}

describe('infra/lib process helpers', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-lib-'));
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('sees a running process as alive and an exited one as gone', () => {
    const exited = execFileSync('sh', ['-c', 'sh -c "exit 0" & echo $!; wait'], { encoding: 'utf8' }).trim();
    expect(run<boolean[]>(`return [lib.pidAlive(${process.pid}), lib.pidAlive(${exited})];`)).toEqual([true, false]);
  });

  const withProc = fs.existsSync('/proc/self/stat') ? it : it.skip;
  withProc('sees a zombie (exited, never reaped) as gone, though it still answers signal 0', async () => {
    // The shell starts `sleep 0` in the background, then becomes `sleep 30`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
      while (processState(zombie) !== 'Z') await new Promise((resolve) => setTimeout(resolve, 20));
      expect(() => process.kill(zombie, 0)).not.toThrow();
      expect(run<boolean>(`return lib.pidAlive(${zombie});`)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('reads a pid file, and nothing from a missing or garbled one', () => {
    fs.writeFileSync(path.join(scratch, 'good.pid'), '4242\n');
    fs.writeFileSync(path.join(scratch, 'bad.pid'), 'not a pid');
    const files = ['good.pid', 'bad.pid', 'missing.pid'].map((name) => JSON.stringify(path.join(scratch, name)));
    expect(run<(number | null)[]>(`return [${files.map((file) => `lib.readPid(${file})`).join(', ')}];`)).toEqual([4242, null, null]);
  });

  it('breaks a lock whose owner died and runs the work, then releases the lock', () => {
    const lockDir = path.join(scratch, 'start.lock');
    const dead = execFileSync('sh', ['-c', 'sh -c "exit 0" & echo $!; wait'], { encoding: 'utf8' }).trim();
    fs.mkdirSync(lockDir);
    fs.writeFileSync(path.join(lockDir, 'owner'), `${dead}\n`);
    const result = run<string>(`return lib.withLock(${JSON.stringify(lockDir)}, 5000, () => {}, 'the test', async () => 'ran');`);
    expect(result).toBe('ran');
    expect(fs.existsSync(lockDir)).toBe(false);
  });

  it('waits for a live owner and names it when giving up', () => {
    const lockDir = path.join(scratch, 'start.lock');
    fs.mkdirSync(lockDir);
    fs.writeFileSync(path.join(lockDir, 'owner'), `${process.pid}\n`);
    const outcome = run<{ error: string; lines: string[] }>(`
      const lines = [];
      try {
        await lib.withLock(${JSON.stringify(lockDir)}, 300, (line) => lines.push(line), 'starting the broker', async () => 'ran');
        return { error: 'none', lines };
      } catch (error) {
        return { error: error.message, lines };
      }`);
    expect(outcome.error).toContain(`waiting for starting the broker (lock ${lockDir} held by pid ${process.pid})`);
    expect(outcome.lines).toEqual([`Waiting for another process (pid ${process.pid}) that is busy with starting the broker...`]);
    expect(fs.existsSync(lockDir)).toBe(true);
  });
});
