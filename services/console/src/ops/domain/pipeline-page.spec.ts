import { formatDuration, formatRate, pipelinePage, ServiceHealth } from './pipeline-page';
import { describeReplay } from './replay-notice';

const load = { consumed: 120, produced: 40, lag: 3, outboxBacklog: 2, outboxOldestAgeSeconds: 75, deadLettersPending: 1 };

describe('pipeline page', () => {
  const services: ServiceHealth[] = [
    {
      service: 'risk-scoring',
      readiness: { state: 'ready', failing: [] },
      load,
      throughput: { consumedPerSecond: 12.34, producedPerSecond: 0.25, overSeconds: 61 },
      lag: [{ group: 'risk-scoring', topic: 'grades.recorded.v1', partitions: 3, lag: 3 }],
    },
    { service: 'notification', readiness: { state: 'not ready', failing: [{ check: 'kafka', message: 'not joined' }, { check: 'database' }] }, lag: [] },
    { service: 'mentor-matching', readiness: { state: 'unreachable', failing: [] }, lag: [] },
  ];

  it('names the services that are not ready, with each failing check', () => {
    const page = pipelinePage(services);

    expect(page.allReady).toBe(false);
    expect(page.servicesDown).toEqual(['notification', 'mentor-matching']);
    expect(page.services[1]).toMatchObject({ state: 'not ready', badge: 'bad', failing: ['kafka: not joined', 'database'], outboxBacklog: '—' });
  });

  it('words rates, backlog and ages for people', () => {
    expect(pipelinePage(services).services[0]).toEqual({
      service: 'risk-scoring',
      state: 'ready',
      badge: 'ok',
      failing: [],
      handledPerSecond: '12/s',
      publishedPerSecond: '0.3/s',
      rateWindow: 'over 1 min 1 s',
      outboxBacklog: '2',
      oldestOutboxRow: '1 min 15 s',
      deadLettersPending: '1',
    });
  });

  it('lists lag per service, group and topic, flagging any backlog', () => {
    const page = pipelinePage(services);

    expect(page.lag).toEqual([{ service: 'risk-scoring', group: 'risk-scoring', topic: 'grades.recorded.v1', partitions: 3, lag: 3, badge: 'warn' }]);
    expect(page.totalLag).toBe(3);
  });

  it('formats rates and durations', () => {
    expect([formatRate(0), formatRate(0.04), formatRate(1250.4)]).toEqual(['0/s', '0/s', '1,250/s']);
    expect([formatDuration(4.6), formatDuration(3600 + 20 * 60)]).toEqual(['5 s', '1 h 20 min']);
  });
});

describe('replay notice', () => {
  it('says whether the consumer handled the replayed message or it failed again', () => {
    expect(describeReplay('notification', { status: 'replayed', outcome: 'processed' })).toBe('Dead letter replayed (notification): the consumer handled it (outcome: processed)');
    expect(describeReplay('grade-ingest', { status: 'failed', error: 'not JSON' })).toBe('Replay failed (grade-ingest): not JSON. The dead letter stays pending.');
  });
});
