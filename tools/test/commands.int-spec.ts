import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The two commands must fail fast and clearly when the machine lacks what they need, and bad
// configuration must name the variable. The spawn timeout is a ceiling against hanging, not a
// measurement: a hang fails the test, a quick clear exit passes it.
const repoRoot = path.resolve(__dirname, '../..');

function binDirWith(tools: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentoring-path-'));
  for (const tool of tools) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) fs.symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

function run(script: string, env: Record<string, string | undefined>) {
  const cleanEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete cleanEnv[name];
  return spawnSync(process.execPath, [script], { cwd: repoRoot, env: cleanEnv, encoding: 'utf8', timeout: 60_000 });
}

// A port no broker uses and an empty cache: the scripts must try to start a broker of their own.
const freshMachine = () => ({
  KAFKA_BROKERS: undefined,
  DATABASE_URL: undefined,
  KAFKA_PORT: '19391',
  KAFKA_CONTROLLER_PORT: '19392',
  MENTORING_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mentoring-cache-')),
});

describe.each(['tools/scripts/test.mjs', 'tools/scripts/start.mjs'])('%s', (script) => {
  it('stops with a message naming Java when java is not on PATH', () => {
    const result = run(script, { ...freshMachine(), PATH: binDirWith(['node']), JAVA_HOME: undefined });
    expect(result.error).toBeUndefined();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Java 17\+ is required/);
  });

  it('stops with a message naming Maven when mvn is not on PATH and the broker jars are not cached', () => {
    const result = run(script, { ...freshMachine(), PATH: binDirWith(['node', 'java']) });
    expect(result.error).toBeUndefined();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Maven/);
  });

  it('names KAFKA_BROKERS when it is malformed', () => {
    const result = run(script, { KAFKA_BROKERS: 'not a broker list', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/KAFKA_BROKERS must be a comma-separated list of host:port/);
  });

  it('names DATABASE_URL when it is malformed', () => {
    const result = run(script, { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'mysql//nowhere' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/DATABASE_URL must be a URL/);
  });
});
