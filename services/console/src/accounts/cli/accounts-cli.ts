import { loadConfig } from '@mentoring/config';
import { openServiceDataSource } from '@mentoring/persistence';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConsoleConfig, SERVICE_NAME } from '../../config/console.config';
import { AccountsService } from '../accounts.service';
import { AccountInput, programmesFromList } from '../domain/account-input';
import { ACCOUNT_ENTITIES, ACCOUNT_MIGRATIONS } from '../infrastructure';
import { AccountsStore } from '../infrastructure/accounts.store';
import { SignInLimits } from '../infrastructure/sign-in-limits.store';
import { PasswordHasher } from '../password-hasher';
import { hashingQueueFor, signInLimitSettings } from '../sign-in-settings';

const USAGE = `Console accounts (mentors, coordinators, ops) in the console's database (DATABASE_URL).

  npm run console:accounts -- add --username U --name "Display Name" --role mentor|coordinator|ops [--subject MENTOR_ID] [--programmes MBBS,MD]
      password from CONSOLE_PASSWORD, or typed on stdin; an existing username gets the new details and password, and any sign-in lock is lifted;
      --programmes is required for a coordinator: the programmes whose data they see and change (and only for a coordinator)
  npm run console:accounts -- import --file accounts.json
      many at once: a JSON array of { "username", "displayName", "role", "subjectId"?, "programmes"? }, each with the
      password from CONSOLE_PASSWORD (a demo's or a test's accounts)
  npm run console:accounts -- disable --username U
  npm run console:accounts -- list`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, subject: { type: 'string' }, programmes: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || !command) return void process.stdout.write(`${USAGE}\n`);
  const config = loadConfig(ConsoleConfig);
  // Two connections: migrations hold one for their advisory lock while running on the other.
  const dataSource = await openServiceDataSource({ url: config.DATABASE_URL, serviceName: `${SERVICE_NAME}-accounts-cli`, entities: ACCOUNT_ENTITIES, migrations: ACCOUNT_MIGRATIONS, poolSize: 2 });
  const accounts = new AccountsService(new AccountsStore(dataSource), new PasswordHasher(), hashingQueueFor(config), new SignInLimits(dataSource, signInLimitSettings(config)));
  try {
    if (command === 'add') {
      const password = process.env.CONSOLE_PASSWORD ?? (await readStdin());
      const account = await accounts.save({ username: values.username ?? '', displayName: values.name ?? values.username ?? '', role: values.role ?? '', subjectId: values.subject, programmes: programmesFromList(values.programmes), password });
      process.stdout.write(`saved ${account.role} ${account.username} (acts as ${account.subjectId}${account.programmes.length > 0 ? ` for ${account.programmes.join(', ')}` : ''})\n`);
    } else if (command === 'import') {
      const password = process.env.CONSOLE_PASSWORD ?? (await readStdin());
      const rows = JSON.parse(await readFile(values.file ?? '', 'utf8')) as Array<Omit<AccountInput, 'password'>>;
      // One by one: each password hash takes a deliberate ~100 ms of CPU.
      for (const row of rows) await accounts.save({ ...row, password });
      process.stdout.write(`saved ${rows.length} accounts\n`);
    } else if (command === 'disable') {
      const found = await accounts.disable(values.username ?? '');
      process.stdout.write(found ? `disabled ${values.username}\n` : `no account named ${values.username}\n`);
      if (!found) process.exitCode = 1;
    } else if (command === 'list') {
      for (const account of await accounts.list()) process.stdout.write(`${account.role}\t${account.username}\t${account.subjectId}\t${account.programmes.join(',') || '-'}\t${account.disabled ? 'disabled' : 'active'}\t${account.displayName}\n`);
    } else {
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
