/** Sizes of one bench run; the defaults keep a run to about five minutes on two cores. */
export interface BenchOptions {
  /** Messages of the raw baseline's throughput run. */
  messages: number;
  /** Records sent to `POST /v1/grades`, in batches of `restBatch`. */
  restRecords: number;
  restBatch: number;
  /** REST batches in flight at once. */
  restConcurrency: number;
  /** Bare records produced to `registrar.grades.submitted.v1`. */
  kafkaRecords: number;
  /** Students of the end-to-end burst, each with two low summatives. */
  students: number;
  mentors: number;
  /** Offered load of the end-to-end burst, in grades per second. */
  rate: number;
  /** How long the services are watched while idle, for their CPU use. */
  idleSeconds: number;
  /** Upper bound on waiting for one phase to finish; a phase that does not is reported as incomplete. */
  phaseTimeoutSeconds: number;
  /** Where results go, relative to the repository root. */
  outDir: string;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  messages: 20_000,
  restRecords: 20_000,
  restBatch: 1_000,
  restConcurrency: 2,
  kafkaRecords: 5_000,
  students: 200,
  mentors: 60,
  rate: 500,
  idleSeconds: 30,
  phaseTimeoutSeconds: 120,
  outDir: 'bench/results',
};

const FLAGS: Record<string, keyof BenchOptions> = {
  '--messages': 'messages',
  '--rest-records': 'restRecords',
  '--rest-batch': 'restBatch',
  '--rest-concurrency': 'restConcurrency',
  '--kafka-records': 'kafkaRecords',
  '--students': 'students',
  '--mentors': 'mentors',
  '--rate': 'rate',
  '--idle-seconds': 'idleSeconds',
  '--phase-timeout': 'phaseTimeoutSeconds',
  '--out': 'outDir',
};

export const USAGE = `usage: npm run bench -- [options]
${Object.entries(FLAGS)
  .map(([flag, key]) => `  ${`${flag} <${typeof DEFAULT_OPTIONS[key] === 'number' ? 'n' : 'path'}>`.padEnd(26)} default ${DEFAULT_OPTIONS[key]}`)
  .join('\n')}`;

/** Parses `--flag value` and `--flag=value`; throws a message naming the flag on anything else. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${argv[index]}\n${USAGE}`);
    const value = inline ?? argv[(index += 1)];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    Object.assign(options, { [key]: typeof DEFAULT_OPTIONS[key] === 'number' ? positiveInteger(flag, value) : value });
  }
  return options;
}

function positiveInteger(flag: string, value: string): number {
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} must be a positive integer (got "${value}")`);
  return number;
}
