// The shapes of what the console reads from each service's /health/ready and /metrics, as this page needs them.
export interface Readiness {
  state: 'ready' | 'not ready' | 'unreachable';
  failing: Array<{ check: string; message?: string }>;
}

export interface PipelineLoad {
  outboxBacklog: number;
  outboxOldestAgeSeconds: number;
  deadLettersPending: number;
}

export interface Throughput {
  consumedPerSecond: number;
  producedPerSecond: number;
  overSeconds: number;
}

export interface TopicLag {
  group: string;
  topic: string;
  partitions: number;
  lag: number;
}

/** What the console learnt about one service from its /health/ready and /metrics. */
export interface ServiceHealth {
  service: string;
  readiness: Readiness;
  /** Undefined when /metrics could not be read. */
  load?: PipelineLoad;
  throughput?: Throughput;
  lag: TopicLag[];
}

type Badge = 'ok' | 'warn' | 'bad';

export interface ServiceRow {
  service: string;
  state: Readiness['state'];
  badge: Badge;
  failing: string[];
  handledPerSecond: string;
  publishedPerSecond: string;
  rateWindow: string;
  outboxBacklog: string;
  oldestOutboxRow: string;
  deadLettersPending: string;
}

export interface LagRow extends TopicLag {
  service: string;
  badge: Badge;
}

export interface PipelinePage {
  allReady: boolean;
  servicesDown: string[];
  services: ServiceRow[];
  lag: LagRow[];
  totalLag: number;
}

const NOT_KNOWN = '—';

/** The pipeline page's figures, worded for people. */
export function pipelinePage(services: readonly ServiceHealth[]): PipelinePage {
  const rows = services.map(serviceRow);
  const lag = services.flatMap((health) => health.lag.map((entry) => ({ ...entry, service: health.service, badge: entry.lag > 0 ? ('warn' as const) : ('ok' as const) })));
  return {
    allReady: rows.every((row) => row.state === 'ready'),
    servicesDown: rows.filter((row) => row.state !== 'ready').map((row) => row.service),
    services: rows,
    lag,
    totalLag: lag.reduce((total, entry) => total + entry.lag, 0),
  };
}

function serviceRow({ service, readiness, load, throughput }: ServiceHealth): ServiceRow {
  return {
    service,
    state: readiness.state,
    badge: readiness.state === 'ready' ? 'ok' : 'bad',
    failing: readiness.failing.map((failure) => (failure.message ? `${failure.check}: ${failure.message}` : failure.check)),
    handledPerSecond: throughput ? formatRate(throughput.consumedPerSecond) : NOT_KNOWN,
    publishedPerSecond: throughput ? formatRate(throughput.producedPerSecond) : NOT_KNOWN,
    rateWindow: throughput ? `over ${formatDuration(throughput.overSeconds)}` : '',
    outboxBacklog: load ? formatCount(load.outboxBacklog) : NOT_KNOWN,
    oldestOutboxRow: load && load.outboxBacklog > 0 ? formatDuration(load.outboxOldestAgeSeconds) : NOT_KNOWN,
    deadLettersPending: load ? formatCount(load.deadLettersPending) : NOT_KNOWN,
  };
}

/** "0/s", "0.4/s", "12/s", "1,250/s". */
export function formatRate(perSecond: number): string {
  const rounded = perSecond >= 10 ? Math.round(perSecond) : Math.round(perSecond * 10) / 10;
  return `${formatCount(rounded)}/s`;
}

/** "45 s", "2 min 5 s", "3 h 20 min": an age or a window. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}
