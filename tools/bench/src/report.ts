import { HopLatencies } from './e2e-chains';
import { BenchOptions } from './options';
import { LatencySummary, round, Throughput } from './stats';

/** Memory and idle CPU of one process (a service, or the raw baseline consumer). */
export interface ProcessFigures {
  /** VmHWM: the most resident memory the process ever had. */
  peakRssMb: number;
  /** VmRSS at the end of the idle window, before any load. */
  idleRssMb: number;
  /** Share of one core used while nothing was sent. */
  idleCpuPercent: number;
}

export interface BaselineFigures {
  messageBytes: number;
  partitions: number;
  batchSize: number;
  /** As fast as the producer can send: the broker's and kafkajs's ceiling. */
  throughput: Throughput;
  latencyMs: LatencySummary;
  /** At the end-to-end phase's offered load, so the latency ratios compare like with like. */
  pacedLatencyMs: LatencySummary;
  consumer: ProcessFigures;
}

/** A phase's throughput; `count` below `expected` means the phase ran out of time. */
export interface PhaseThroughput extends Throughput {
  expected: number;
}

export interface IngestFigures {
  rest: PhaseThroughput;
  kafka: PhaseThroughput;
}

export interface EndToEndFigures {
  students: number;
  grades: number;
  offeredGradesPerSecond: number;
  chainsStarted: number;
  chainsComplete: number;
  /** Chains whose delivery is the first dispatched outcome rather than a sent mentor email. */
  fallbackDeliveries: number;
  hopsMs: HopLatencies;
}

export interface BenchFigures {
  baseline: BaselineFigures;
  ingest?: IngestFigures;
  endToEnd?: EndToEndFigures;
  services: Record<string, ProcessFigures>;
}

export interface RatioRow {
  figure: string;
  value: number;
  unit: string;
  baselineFigure: string;
  baselineValue: number;
  /** value / baselineValue; for throughput higher is better, for latency, memory and CPU lower is. */
  ratio: number;
}

export interface BenchResult extends BenchFigures {
  startedAt: string;
  finishedAt: string;
  environment: Record<string, string | number>;
  options: BenchOptions;
  ratios: RatioRow[];
  /** What could not be measured, and why. */
  notes: string[];
}

type Percentile = 'p50' | 'p95' | 'p99';

/** Every figure next to the baseline figure it is judged against, measured in the same run. */
export function ratioTable(figures: BenchFigures): RatioRow[] {
  return [...ingestRows(figures), ...endToEndRows(figures), ...processRows(figures)];
}

export function ratioRow(figure: string, value: number, unit: string, baselineFigure: string, baselineValue: number): RatioRow {
  const ratio = value / baselineValue;
  // A zero baseline (an idle process that used no CPU at all) has no meaningful ratio.
  return { figure, value, unit, baselineFigure, baselineValue, ratio: Number.isFinite(ratio) ? round(ratio, 3) : Number.NaN };
}

/** A plain-text table with aligned columns; unmeasured values (NaN, null) show as n/a. */
export function formatTable(rows: readonly RatioRow[]): string {
  const header = ['figure', 'value', 'baseline', 'baseline value', 'ratio'];
  const cells = rows.map((row) => [row.figure, `${show(row.value)} ${row.unit}`, row.baselineFigure, `${show(row.baselineValue)} ${row.unit}`, show(row.ratio)]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

function ingestRows({ baseline, ingest }: BenchFigures): RatioRow[] {
  if (!ingest) return [];
  const raw = baseline.throughput.perSecond;
  return [
    ratioRow('ingest throughput, REST batches', ingest.rest.perSecond, 'records/s', 'raw produce->consume', raw),
    ratioRow('ingest throughput, Kafka topic', ingest.kafka.perSecond, 'records/s', 'raw produce->consume', raw),
  ];
}

function endToEndRows({ baseline, endToEnd }: BenchFigures): RatioRow[] {
  if (!endToEnd) return [];
  const paced = baseline.pacedLatencyMs;
  const { hopsMs } = endToEnd;
  const latency = (figure: string, summary: LatencySummary, percentile: Percentile) =>
    ratioRow(`${figure} ${percentile}`, summary[percentile], 'ms', `raw latency ${percentile}`, paced[percentile]);
  return [
    ...(['p50', 'p95', 'p99'] as const).map((p) => latency('grade -> message delivered', hopsMs.gradeToDelivered, p)),
    ...(['p50', 'p99'] as const).flatMap((p) => [
      latency('hop grade -> risk assessed', hopsMs.gradeToAssessed, p),
      latency('hop assessed -> case matched', hopsMs.assessedToMatched, p),
      latency('hop matched -> delivered', hopsMs.matchedToDelivered, p),
    ]),
  ];
}

function processRows({ baseline, services }: BenchFigures): RatioRow[] {
  const raw = baseline.consumer;
  return Object.entries(services).flatMap(([service, figures]) => [
    ratioRow(`${service} peak RSS`, figures.peakRssMb, 'MB', 'raw consumer peak RSS', raw.peakRssMb),
    ratioRow(`${service} idle RSS`, figures.idleRssMb, 'MB', 'raw consumer idle RSS', raw.idleRssMb),
    ratioRow(`${service} idle CPU`, figures.idleCpuPercent, '% core', 'raw consumer idle CPU', raw.idleCpuPercent),
  ]);
}

function show(value: number | null): string {
  return value === null || Number.isNaN(value) ? 'n/a' : String(value);
}

/** What a person reads at the end of a run: the baseline, what was complete, the ratio table, notes. */
export function formatSummary(result: BenchResult): string {
  const { baseline, endToEnd, ingest } = result;
  const flooded = baseline.latencyMs;
  const paced = baseline.pacedLatencyMs;
  return [
    '',
    `raw baseline: ${show(baseline.throughput.perSecond)} msg/s (${baseline.messageBytes} B messages, ${baseline.partitions} partitions); ` +
      `latency p50/p95/p99 ${flooded.p50}/${flooded.p95}/${flooded.p99} ms flooded, ${paced.p50}/${paced.p95}/${paced.p99} ms paced`,
    ingest ? `ingest: REST ${ingest.rest.count}/${ingest.rest.expected} records, Kafka ${ingest.kafka.count}/${ingest.kafka.expected} records` : 'ingest: not measured',
    endToEnd
      ? `end to end: ${endToEnd.chainsComplete}/${endToEnd.students} students reached a delivered message (${endToEnd.fallbackDeliveries} by their first dispatched outcome)`
      : 'end to end: not measured',
    '',
    formatTable(result.ratios),
    ...result.notes.map((note) => `note: ${note}`),
  ].join('\n');
}
