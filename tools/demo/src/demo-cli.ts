// The `npm start` demo (tools/scripts/start.mjs runs it once the services are ready): replays a
// synthetic cohort's registrar feed through the running platform, shows progress, and sums up.
import { resolve } from 'node:path';
import { DEMO_USAGE, demoLinks, DemoOptions, readDemoOptions } from './replay/demo-options';
import { formatDemoSummary, formatProgress } from './replay/demo-summary';
import { runDemo } from './replay/run-demo';
import { PipelineSnapshot } from './replay/snapshot';

const PLAIN_PROGRESS_EVERY_MS = 10_000;
const FEED = 'demo-registrar';

/** One line rewritten in place on a terminal; a line every ten seconds in a log. */
function progressPrinter(): (snapshot: PipelineSnapshot, elapsedMs: number) => void {
  if (process.stdout.isTTY) {
    return (snapshot, elapsedMs) => {
      const line = formatProgress(snapshot, elapsedMs);
      process.stdout.write(`\r\x1b[2K${line.slice(0, Math.max(20, process.stdout.columns - 1))}`);
    };
  }
  let lastPrinted = -Infinity;
  return (snapshot, elapsedMs) => {
    if (elapsedMs - lastPrinted < PLAIN_PROGRESS_EVERY_MS) return;
    lastPrinted = elapsedMs;
    process.stdout.write(`${formatProgress(snapshot, elapsedMs)}\n`);
  };
}

function optionsOrUsage(): DemoOptions {
  try {
    return readDemoOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${DEMO_USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const options = optionsOrUsage();
  const dataDir = resolve('tmp/demo-data');
  console.log(`\nDemo: ${options.students} students, ${options.mentors} mentors (seed ${options.seed}); the sample is written to ${dataDir}`);
  console.log('Seeding mentors, students and coordinators, then replaying the registrar feed through REST, Kafka and a OneRoster import...');
  const summary = await runDemo({
    ...options,
    feed: FEED,
    dataDir,
    links: demoLinks(options.urls, options.consoleUrl),
    console: options.consoleUrl && options.consoleDatabaseUrl ? { url: options.consoleUrl, databaseUrl: options.consoleDatabaseUrl } : undefined,
    onProgress: progressPrinter(),
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(formatDemoSummary(summary));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
