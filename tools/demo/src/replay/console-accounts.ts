import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Cohort } from '../cohort';
import { demoCoordinators } from './directory';

/** The password of every demo console account (documented in the README's `npm start` section). */
export const DEMO_CONSOLE_PASSWORD = 'mentoring-demo';
export const DEMO_OPS_USERNAME = 'ops';

export interface ConsoleAccount {
  username: string;
  displayName: string;
  role: 'mentor' | 'coordinator' | 'ops';
  subjectId?: string;
  /** A coordinator's programmes: theirs are the only ones the console shows them. */
  programmes?: string[];
}

/**
 * A console sign-in for each demo mentor (username = their mentor id in lower case), each
 * programme's coordinator (username = the recipient id notification sends escalations to) and ops.
 */
export function demoConsoleAccounts(cohort: Pick<Cohort, 'mentors'>): ConsoleAccount[] {
  return [
    { username: DEMO_OPS_USERNAME, displayName: 'Operations', role: 'ops' },
    ...demoCoordinators().map((coordinator) => ({ username: coordinator.id, displayName: coordinator.body.displayName, role: 'coordinator' as const, programmes: [...coordinator.body.programmes] })),
    ...cohort.mentors.map((mentor) => ({ username: mentor.mentorId.toLowerCase(), displayName: mentor.displayName, role: 'mentor' as const, subjectId: mentor.mentorId })),
  ];
}

/** The summary's lines on how to sign in to the console. */
export function consoleSignInLines(consoleUrl: string, accounts: readonly ConsoleAccount[]): string[] {
  const usernames = (role: ConsoleAccount['role']) => accounts.filter((account) => account.role === role).map((account) => account.username);
  const mentors = usernames('mentor');
  return [
    `Console ${consoleUrl}, every demo account's password is "${DEMO_CONSOLE_PASSWORD}":`,
    `  ops          ${usernames('ops').join(', ')}`,
    `  coordinators ${usernames('coordinator').join(', ')}`,
    ...(mentors.length > 0 ? [`  mentors      ${mentors[0]} ... ${mentors[mentors.length - 1]} (${mentors.length}, the mentor id in lower case)`] : []),
  ];
}

const ACCOUNTS_CLI = 'services/console/src/accounts/cli/accounts-cli.ts';

/**
 * Creates the accounts in the console's database with the console's own accounts CLI (one
 * process for all of them), so the demo needs no admin route into the console.
 */
export async function createConsoleAccounts(databaseUrl: string, accounts: readonly ConsoleAccount[]): Promise<void> {
  const directory = await mkdtemp(path.join(tmpdir(), 'demo-accounts-'));
  const file = path.join(directory, 'accounts.json');
  try {
    await writeFile(file, JSON.stringify(accounts));
    await runAccountsCli(['import', '--file', file], { DATABASE_URL: databaseUrl, CONSOLE_PASSWORD: DEMO_CONSOLE_PASSWORD, LOG_LEVEL: 'warn' });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function runAccountsCli(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ACCOUNTS_CLI, ...args], {
      env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? 'tsconfig.base.json', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`creating the console accounts failed: ${errors.trim()}`))));
  });
}
