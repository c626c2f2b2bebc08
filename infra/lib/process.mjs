// Process, lock and wait helpers shared by the local infrastructure scripts (infra/kafka/broker.mjs,
// infra/postgres/server.mjs). Plain Node, no dependencies: the scripts run before `npm ci` is known
// to be complete and from jest's global setup alike.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withTimeout(promise, ms, what) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- processes

/** Whether `pid` is a process that can still run: not gone, and not a zombie nobody reaped yet. */
export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return err.code === 'EPERM';
  }
  // A zombie still answers signal 0 although it will never run again.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** The positive integer pid in `file`, or null when the file is missing or holds something else. */
export function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** True once `pid` has exited (or become a zombie), false if it still runs after `timeoutMs`. */
export async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) return true;
    await sleep(100);
  }
  return !pidAlive(pid);
}

/** Whether something accepts (or holds without answering) TCP connections on 127.0.0.1:`port`. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (inUse) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1000, () => done(true));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------- lock

/**
 * Runs `fn` holding the lock `lockDir`. mkdir is atomic, so the directory itself is the lock; the
 * owner's pid inside lets a later caller break a lock whose holder died (a killed jest run).
 */
export async function withLock(lockDir, timeoutMs, log, what, fn) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'owner'), `${process.pid}\n`);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const owner = readPid(path.join(lockDir, 'owner'));
    if (lockIsStale(lockDir, owner)) {
      breakLock(lockDir);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} (lock ${lockDir} held by pid ${owner ?? '?'}). ` +
          'If no such process runs, delete that directory.',
      );
    }
    if (!announced) {
      log(`Waiting for another process (pid ${owner ?? '?'}) that is busy with ${what}...`);
      announced = true;
    }
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function lockIsStale(lockDir, owner) {
  if (owner) return !pidAlive(owner);
  // Between mkdir and writing the owner file there is a short window; only a
  // lock that stays ownerless for long was left by a crash.
  try {
    return Date.now() - fs.statSync(lockDir).mtimeMs > 10_000;
  } catch {
    return false;
  }
}

function breakLock(lockDir) {
  // Rename first so two callers breaking the same stale lock cannot delete a fresh one.
  const grave = `${lockDir}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(lockDir, grave);
    fs.rmSync(grave, { recursive: true, force: true });
  } catch {
    // someone else broke it first
  }
}

// ---------------------------------------------------------------- command line

/**
 * Runs `main(args)` and exits with its code when the script at `moduleUrl` is the one node was
 * started with (not when another module imports it); an error exits 1 with its message only.
 */
export function runIfInvokedDirectly(moduleUrl, main, args) {
  let invoked = false;
  try {
    invoked = fs.realpathSync(process.argv[1]) === fileURLToPath(moduleUrl);
  } catch {
    invoked = false;
  }
  if (!invoked) return;
  main(args).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
