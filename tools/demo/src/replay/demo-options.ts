import { parseArgs } from 'node:util';
import { KafkaConnection, loadKafkaConnection } from '@mentoring/config';
import { wholeNumber } from '../cli-options';
import { Link } from './demo-summary';
import { PLATFORM_SERVICES, PlatformService, PlatformUrls } from './platform-client';

export const DEMO_USAGE = `usage: demo [--students N] [--mentors M] [--seed S] [--settle-timeout SECONDS] [--console-url URL]
            [--console-database-url URL]
  --students         students in the cohort (default 2000)
  --mentors          mentors (default 60)
  --seed             seed of the generator (default 42)
  --settle-timeout   how long the pipeline may take to settle after each step (default 900)
  --console-url      the console's address, when it runs
  --console-database-url  the console's database: the demo creates sign-ins for its people there
Services are found at <SERVICE>_URL (e.g. GRADE_INGEST_URL) or their default ports; Kafka at
KAFKA_BROKERS (TLS and SASL from the KAFKA_SSL* and KAFKA_SASL_* variables); topics under
KAFKA_TOPIC_NAMESPACE when set. With MENTORING_CLOCK_FILE (the services' development clock, which
npm start sets) the demo moves time on two weeks after the introductions.`;

const DEFAULT_PORTS: Readonly<Record<PlatformService, number>> = {
  'grade-ingest': 3001,
  'risk-scoring': 3002,
  'mentor-matching': 3003,
  notification: 3004,
};

export const SMTP_CATCHER_URL = 'http://127.0.0.1:1080';

export interface DemoOptions {
  students: number;
  mentors: number;
  seed: number;
  settleTimeoutMs: number;
  consoleUrl?: string;
  consoleDatabaseUrl?: string;
  urls: PlatformUrls;
  kafka: KafkaConnection;
  namespace?: string;
  /** The services' development clock file, when they have one. */
  clockFile?: string;
}

/** The demo's options from its arguments and the environment `npm start` gives the services. */
export function readDemoOptions(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      students: { type: 'string', default: '2000' },
      mentors: { type: 'string', default: '60' },
      seed: { type: 'string', default: '42' },
      'settle-timeout': { type: 'string', default: '900' },
      'console-url': { type: 'string' },
      'console-database-url': { type: 'string' },
    },
  });
  return {
    students: wholeNumber('students', values.students),
    mentors: wholeNumber('mentors', values.mentors),
    seed: wholeNumber('seed', values.seed),
    settleTimeoutMs: wholeNumber('settle-timeout', values['settle-timeout']) * 1000,
    consoleUrl: values['console-url'],
    consoleDatabaseUrl: values['console-database-url'],
    urls: Object.fromEntries(
      PLATFORM_SERVICES.map((service) => [service, env[`${service.toUpperCase().replace(/-/g, '_')}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[service]}`]),
    ) as PlatformUrls,
    kafka: loadKafkaConnection(env),
    namespace: env.KAFKA_TOPIC_NAMESPACE || undefined,
    clockFile: env.MENTORING_CLOCK_FILE || undefined,
  };
}

/** Where a person looks after the demo: the console, the email catcher, each service's docs and metrics. */
export function demoLinks(urls: PlatformUrls, consoleUrl: string | undefined, smtpCatcherUrl = SMTP_CATCHER_URL): Link[] {
  return [
    ...(consoleUrl ? [{ label: 'Console', url: consoleUrl }] : []),
    { label: 'Emails (SMTP catcher)', url: smtpCatcherUrl },
    ...PLATFORM_SERVICES.map((service) => ({ label: `${service} API docs`, url: `${urls[service]}/docs` })),
    ...PLATFORM_SERVICES.map((service) => ({ label: `${service} metrics`, url: `${urls[service]}/metrics` })),
    { label: 'Pipeline status (command)', url: 'npm run ops -- status' },
  ];
}
