import { DEFAULT_OPTIONS } from './options';
import { BenchFigures, BenchResult, formatSummary, formatTable, ratioRow, ratioTable } from './report';
import { LatencySummary } from './stats';

const latency = (p50: number, p95: number, p99: number): LatencySummary => ({ count: 100, p50, p95, p99, max: p99 });
const idleProcess = { peakRssMb: 150, idleRssMb: 120, idleCpuPercent: 0.5 };

const figures: BenchFigures = {
  baseline: {
    messageBytes: 700,
    partitions: 3,
    batchSize: 500,
    throughput: { count: 20_000, seconds: 1, perSecond: 20_000 },
    latencyMs: latency(30, 70, 100),
    pacedLatencyMs: latency(5, 10, 20),
    consumer: idleProcess,
  },
  ingest: {
    rest: { count: 10_000, expected: 10_000, seconds: 2, perSecond: 5_000 },
    kafka: { count: 10_000, expected: 10_000, seconds: 10, perSecond: 1_000 },
  },
  endToEnd: {
    students: 100,
    grades: 200,
    offeredGradesPerSecond: 500,
    chainsStarted: 100,
    chainsComplete: 100,
    fallbackDeliveries: 0,
    hopsMs: {
      gradeToAssessed: latency(20, 30, 40),
      assessedToMatched: latency(50, 80, 100),
      matchedToDelivered: latency(30, 40, 60),
      gradeToDelivered: latency(100, 150, 200),
    },
  },
  services: { 'grade-ingest': { peakRssMb: 300, idleRssMb: 240, idleCpuPercent: 2 } },
};

describe('ratioTable', () => {
  const rows = ratioTable(figures);
  const row = (figure: string) => rows.find((candidate) => candidate.figure === figure);

  it('compares ingest throughput with the raw throughput', () => {
    expect(row('ingest throughput, REST batches')).toMatchObject({ value: 5_000, baselineValue: 20_000, ratio: 0.25, unit: 'records/s' });
    expect(row('ingest throughput, Kafka topic')?.ratio).toBe(0.05);
  });

  it('compares end-to-end and hop latencies with the paced raw latency of the same percentile', () => {
    expect(row('grade -> message delivered p50')).toMatchObject({ value: 100, baselineValue: 5, ratio: 20 });
    expect(row('grade -> message delivered p99')).toMatchObject({ value: 200, baselineValue: 20, ratio: 10 });
    expect(row('hop assessed -> case matched p99')).toMatchObject({ value: 100, baselineValue: 20, ratio: 5 });
  });

  it('compares each service\'s memory and idle CPU with the raw consumer\'s', () => {
    expect(row('grade-ingest peak RSS')).toMatchObject({ value: 300, baselineValue: 150, ratio: 2 });
    expect(row('grade-ingest idle RSS')?.ratio).toBe(2);
    expect(row('grade-ingest idle CPU')).toMatchObject({ value: 2, baselineValue: 0.5, ratio: 4, unit: '% core' });
  });

  it('leaves out phases that were not measured', () => {
    const partial = ratioTable({ ...figures, ingest: undefined, endToEnd: undefined });
    expect(partial.map((r) => r.figure)).toEqual(['grade-ingest peak RSS', 'grade-ingest idle RSS', 'grade-ingest idle CPU']);
  });
});

describe('ratioRow', () => {
  it('has no ratio against a zero baseline', () => {
    expect(ratioRow('idle CPU', 3, '% core', 'raw', 0).ratio).toBeNaN();
  });
});

describe('formatTable', () => {
  it('aligns columns and shows unmeasured values as n/a', () => {
    const table = formatTable([ratioRow('a figure', 10, 'ms', 'raw', 5), ratioRow('another figure', NaN, 'ms', 'raw', 5)]);
    expect(table.split('\n')).toEqual([
      'figure          value   baseline  baseline value  ratio',
      '--------------  ------  --------  --------------  -----',
      'a figure        10 ms   raw       5 ms            2',
      'another figure  n/a ms  raw       5 ms            n/a',
    ]);
  });
});

describe('formatSummary', () => {
  const result: BenchResult = {
    ...figures,
    startedAt: '2025-06-01T12:00:00.000Z',
    finishedAt: '2025-06-01T12:04:00.000Z',
    environment: {},
    options: DEFAULT_OPTIONS,
    ratios: ratioTable(figures),
    notes: ['risk-scoring had not caught up'],
  };

  it('states the baseline, how complete each phase was, the table and the notes', () => {
    const text = formatSummary(result);
    expect(text).toContain('raw baseline: 20000 msg/s (700 B messages, 3 partitions); latency p50/p95/p99 30/70/100 ms flooded, 5/10/20 ms paced');
    expect(text).toContain('ingest: REST 10000/10000 records, Kafka 10000/10000 records');
    expect(text).toContain('end to end: 100/100 students reached a delivered message (0 by their first dispatched outcome)');
    expect(text).toContain('grade-ingest idle CPU');
    expect(text).toContain('note: risk-scoring had not caught up');
  });

  it('says which phases were not measured', () => {
    const text = formatSummary({ ...result, ingest: undefined, endToEnd: undefined });
    expect(text).toContain('ingest: not measured');
    expect(text).toContain('end to end: not measured');
  });
});
