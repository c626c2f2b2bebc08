// `npm run seed -- --students N`: generates the synthetic cohort, prints its summary and writes it
// out for the demo replay: cohort.json (people, courses), feed.json (every registrar record) and
// oneroster/ (the OneRoster channel as a CSV file set).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSummary, generateCohort, summarizeCohort } from './cohort';
import { defaultTermStart, writeCohort } from './cohort-files';
import { wholeNumber } from './cli-options';

const USAGE = `usage: npm run seed -- [--students N] [--mentors M] [--seed S] [--out DIR] [--term-start YYYY-MM-DD] [--now ISO]
  --students     students in the cohort (default 2000)
  --mentors      mentors (default 60)
  --seed         seed of the generator; the same seed and dates give the same cohort (default 42)
  --out          output directory (default tmp/demo-data)
  --term-start   first day of the term (default 12 weeks before --now)
  --now          the moment the feed runs up to (default: the current time)`;

interface SeedOptions {
  students: number;
  mentors: number;
  seed: number;
  out: string;
  termStart: string;
  now: Date;
}

function readOptions(argv: string[]): SeedOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      students: { type: 'string', default: '2000' },
      mentors: { type: 'string', default: '60' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string', default: 'tmp/demo-data' },
      'term-start': { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new RangeError(`--now must be an ISO date-time, not "${values.now}"`);
  const termStart = values['term-start'] ?? defaultTermStart(now);
  return {
    students: wholeNumber('students', values.students),
    mentors: wholeNumber('mentors', values.mentors),
    seed: wholeNumber('seed', values.seed),
    out: resolve(values.out),
    termStart,
    now,
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const cohort = generateCohort(options);
  console.log(formatSummary(summarizeCohort(cohort)));
  await writeCohort(cohort, options.out);
  console.log(`\nWritten to ${options.out}: cohort.json, feed.json, oneroster/*.csv`);
  console.log(`Reproduce with: --seed ${options.seed} --students ${options.students} --mentors ${options.mentors} --term-start ${options.termStart} --now ${cohort.settings.now}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
