import { lagByGroupAndTopic, partitionLagOf, pipelineLoadOf, readinessOf, throughputBetween } from './pipeline-health';
import { parsePrometheusText } from './prometheus-text';

describe('pipeline health', () => {
  const metrics = parsePrometheusText(
    [
      'mentoring_kafka_consumer_lag{group="risk-scoring",topic="grades.recorded.v1",partition="0"} 3',
      'mentoring_kafka_consumer_lag{group="risk-scoring",topic="grades.recorded.v1",partition="1"} 4',
      'mentoring_kafka_consumer_lag{group="risk-scoring",topic="mentoring.case-events.v1",partition="0"} 0',
      'mentoring_events_consumed_total{topic="grades.recorded.v1",type="grades.recorded.v1",outcome="processed"} 10',
      'mentoring_events_consumed_total{topic="grades.recorded.v1",type="grades.recorded.v1",outcome="duplicate"} 2',
      'mentoring_events_produced_total{topic="risk.assessed.v1"} 7',
      'mentoring_outbox_backlog 5',
      'mentoring_outbox_oldest_age_seconds 1.5',
      'mentoring_dead_letters_pending 1',
    ].join('\n'),
  );

  it('reads readiness with each failing check and what it said', () => {
    const body = { status: 'error', error: { kafka: { status: 'down', message: 'consumer not joined' }, database: { status: 'down' } } };

    expect(readinessOf(503, body)).toEqual({ state: 'not ready', failing: [{ check: 'kafka', message: 'consumer not joined' }, { check: 'database' }] });
    expect(readinessOf(200, { status: 'ok', error: {} })).toEqual({ state: 'ready', failing: [] });
    expect(readinessOf(503, 'not json')).toEqual({ state: 'not ready', failing: [] });
  });

  it('sums lag per group and topic over partitions', () => {
    expect(lagByGroupAndTopic(partitionLagOf(metrics))).toEqual([
      { group: 'risk-scoring', topic: 'grades.recorded.v1', partitions: 2, lag: 7 },
      { group: 'risk-scoring', topic: 'mentoring.case-events.v1', partitions: 1, lag: 0 },
    ]);
  });

  it('totals the pipeline figures of a scrape', () => {
    expect(pipelineLoadOf(metrics)).toEqual({ consumed: 12, produced: 7, lag: 7, outboxBacklog: 5, outboxOldestAgeSeconds: 1.5, deadLettersPending: 1 });
  });

  it('computes events per second between two scrapes', () => {
    expect(throughputBetween({ at: 1_000, consumed: 100, produced: 50 }, { at: 3_000, consumed: 160, produced: 70 })).toEqual({
      consumedPerSecond: 30,
      producedPerSecond: 10,
      overSeconds: 2,
    });
  });

  it('gives no rate across a restart or without time between the scrapes', () => {
    expect(throughputBetween({ at: 1_000, consumed: 100, produced: 50 }, { at: 3_000, consumed: 4, produced: 60 })).toBeUndefined();
    expect(throughputBetween({ at: 1_000, consumed: 100, produced: 50 }, { at: 1_000, consumed: 100, produced: 50 })).toBeUndefined();
  });
});
